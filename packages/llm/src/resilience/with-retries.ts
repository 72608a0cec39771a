import {
  type GenerateRequest,
  isQuireError,
  type LanguageModel,
  type StreamPart,
} from "@quire/core";
import { type Clock, systemClock } from "./clock.js";
import { streamOf } from "./stream-of.js";

export interface RetryOptions {
  /** Retries after the first attempt (default 2, so at most 3 calls). */
  maxRetries?: number;
  /** The first backoff (default 500 ms); each later one is `factor` times longer. */
  initialDelayMs?: number;
  factor?: number;
  /** No backoff is longer than this (default 8 s). */
  maxDelayMs?: number;
  /**
   * A provider's `Retry-After` longer than this is not waited for: the error is thrown at once
   * (default 60 s), so a caller is not held for minutes.
   */
  maxRetryAfterMs?: number;
  clock?: Clock;
  /** A number in [0, 1) (default `Math.random`): the jitter. */
  random?: () => number;
  /** Told before each wait: which retry comes next, how long the wait is, and why. */
  onRetry?: (event: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Calls again after errors a retry can cure — model errors marked `retryable`: timeouts, 408,
 * 409, 429, 5xx, lost connections — with exponential backoff and jitter, waiting at least as long
 * as the provider's `Retry-After`. Nothing else is retried (401, 400, a malformed answer), nor a
 * call the caller aborted. A stream is retried only until its first part reached the caller.
 * The error that ends the attempts carries `details.attempts`.
 */
export function withRetries(model: LanguageModel, options: RetryOptions = {}): LanguageModel {
  const settings = {
    maxRetries: options.maxRetries ?? 2,
    initialDelayMs: options.initialDelayMs ?? 500,
    factor: options.factor ?? 2,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };

  /** The wait before retry number `attempt` (1, 2…), or undefined when no retry should happen. */
  function waitBefore(
    attempt: number,
    error: unknown,
    request: GenerateRequest,
  ): number | undefined {
    if (request.abortSignal?.aborted) return undefined;
    if (!isQuireError(error) || !error.retryable) return undefined;
    if (attempt > settings.maxRetries) return undefined;
    const exponential = Math.min(
      settings.maxDelayMs,
      settings.initialDelayMs * settings.factor ** (attempt - 1),
    );
    // "Equal jitter": half the backoff fixed, half random, so retries never bunch at zero.
    const jittered = exponential / 2 + (exponential / 2) * settings.random();
    const retryAfter = error.details.retryAfterSeconds;
    if (typeof retryAfter === "number") {
      const asked = retryAfter * 1000;
      if (asked > settings.maxRetryAfterMs) return undefined;
      return Math.max(asked, jittered);
    }
    return jittered;
  }

  function finalError(error: unknown, attempts: number): unknown {
    if (isQuireError(error)) error.details.attempts = attempts;
    return error;
  }

  async function pause(delayMs: number, attempt: number, error: unknown, request: GenerateRequest) {
    options.onRetry?.({ attempt, delayMs, error });
    await settings.clock.sleep(delayMs, request.abortSignal);
  }

  const wrapped: LanguageModel = {
    modelId: model.modelId,
    async generate(request) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await model.generate(request);
        } catch (error) {
          const delay = waitBefore(attempt, error, request);
          if (delay === undefined) throw finalError(error, attempt);
          await pause(delay, attempt, error, request);
        }
      }
    },
  };
  wrapped.stream = (request) =>
    (async function* (): AsyncGenerator<StreamPart> {
      for (let attempt = 1; ; attempt += 1) {
        let started = false;
        try {
          for await (const part of streamOf(model, request)) {
            started = true;
            yield part;
          }
          return;
        } catch (error) {
          const delay = started ? undefined : waitBefore(attempt, error, request);
          if (delay === undefined) throw finalError(error, attempt);
          await pause(delay, attempt, error, request);
        }
      }
    })();
  return wrapped;
}
