import { type ModelErrorClass, modelError, modelErrorClassOf, type QuireError } from "@quire/core";
import { type Clock, systemClock } from "./clock.js";

export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before letting one probe through (default 30 s). */
  coolDownMs?: number;
  /** The error classes that say the provider is unwell (default: unavailable, timeout, provider-error, rate-limit). */
  failureClasses?: readonly ModelErrorClass[];
  clock?: Clock;
}

const defaultFailureClasses: readonly ModelErrorClass[] = [
  "unavailable",
  "timeout",
  "provider-error",
  "rate-limit",
];

/**
 * One provider's circuit. Closed: calls pass; `failureThreshold` consecutive failures open it.
 * Open: calls are refused at once (an `unavailable` error, not retryable) until `coolDownMs` has
 * passed. Half-open: one probe call passes and the others are refused; its success closes the
 * circuit, its failure opens it for another cool-down. Errors of other classes (a bad request, a
 * refused key) show the provider is answering, so they count as successes.
 */
export class CircuitBreaker {
  readonly name: string;
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly failureClasses: ReadonlySet<ModelErrorClass>;
  private readonly clock: Clock;
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;

  constructor(name: string, options: CircuitBreakerOptions = {}) {
    this.name = name;
    this.failureThreshold = options.failureThreshold ?? 5;
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.failureClasses = new Set(options.failureClasses ?? defaultFailureClasses);
    this.clock = options.clock ?? systemClock;
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return "closed";
    return this.clock.now() - this.openedAt >= this.coolDownMs ? "half-open" : "open";
  }

  /** Lets a call through, or throws the refusal; the caller then reports the outcome once. */
  acquire(modelId: string): void {
    const state = this.state;
    if (state === "closed") return;
    if (state === "half-open" && !this.probing) {
      this.probing = true;
      return;
    }
    throw this.refusal(modelId, state);
  }

  /** The call finished: with no error, or with one (a failure only if its class says so). */
  record(error?: unknown): void {
    const errorClass = error === undefined ? undefined : modelErrorClassOf(error);
    const failed = errorClass !== undefined && this.failureClasses.has(errorClass);
    this.probing = false;
    if (!failed) {
      this.failures = 0;
      this.openedAt = undefined;
      return;
    }
    this.failures += 1;
    if (this.openedAt !== undefined || this.failures >= this.failureThreshold) {
      this.openedAt = this.clock.now();
    }
  }

  /** The call ended without saying anything about the provider (the caller aborted it). */
  release(): void {
    this.probing = false;
  }

  private refusal(modelId: string, state: CircuitState): QuireError {
    const waitMs =
      state === "open" ? this.coolDownMs - (this.clock.now() - (this.openedAt ?? 0)) : 0;
    const seconds = Math.max(0, Math.ceil(waitMs / 1000));
    const message =
      state === "open"
        ? `${modelId}: provider "${this.name}" failed ${this.failures} times in a row; calls to it are paused for ${seconds} s more, then one probe is let through.`
        : `${modelId}: provider "${this.name}" is being probed after repeated failures; try again shortly.`;
    return modelError("unavailable", message, {
      modelId,
      retryable: false,
      retryAfterSeconds: seconds,
      details: { circuit: state, provider: this.name },
    });
  }
}

/** One circuit per provider name, made on first use with the same options. */
export class CircuitBreakers {
  private readonly options: CircuitBreakerOptions;
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(options: CircuitBreakerOptions = {}) {
    this.options = options;
  }

  for(provider: string): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(provider, this.options);
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }

  /** Each provider's state, for health checks and metrics. */
  states(): Record<string, CircuitState> {
    return Object.fromEntries([...this.breakers].map(([name, breaker]) => [name, breaker.state]));
  }
}
