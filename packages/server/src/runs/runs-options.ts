import type { CircuitBreakerOptions, Clock, ProviderRegistry, RetryOptions } from "@quire/llm";

/** How `POST /v1/prompts/{name}/run` calls models. */
export interface RunsOptions {
  /**
   * The configured providers, created once at start (`createProviderRegistry`). Without one,
   * every run is refused with a message saying how to add `[[providers]]` to quire.toml.
   */
  registry?: ProviderRegistry;
  /** Each attempt's time limit, in milliseconds (default 60,000). */
  timeoutMs?: number;
  /** Retries of timeouts, 429 and 5xx (default: `withRetries`' defaults, 2 retries); false: none. */
  retry?: RetryOptions | false;
  /** The per-provider circuits (default: 5 failures in a row open a circuit for 30 s). */
  circuitBreaker?: CircuitBreakerOptions;
  /**
   * The exact response cache, in memory: `ttlMs` (default one hour; null: no limit) and
   * `maxEntries` (default 10,000); false turns it off.
   */
  cache?: { ttlMs?: number | null; maxEntries?: number } | false;
  /** For tests: time for timeouts, backoff and circuit cool-downs. */
  clock?: Clock;
}

export const defaultModelTimeoutMs = 60_000;
