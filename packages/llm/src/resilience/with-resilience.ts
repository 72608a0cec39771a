import type { LanguageModel } from "@quire/core";
import type { CircuitBreakers } from "./circuit-breaker.js";
import type { Clock } from "./clock.js";
import { withCircuitBreaker } from "./with-circuit-breaker.js";
import { type RetryOptions, withRetries } from "./with-retries.js";
import { withTimeout } from "./with-timeout.js";

export interface ResilienceOptions {
  /** Each attempt's time limit (see `withTimeout`); none when absent. */
  timeoutMs?: number;
  /** Retry settings, or false for none (default: `withRetries`' defaults). */
  retry?: RetryOptions | false;
  /** The process's circuits, shared by all its models; none when absent. */
  breakers?: CircuitBreakers;
  clock?: Clock;
}

/**
 * The usual stack around one model, innermost first: a timeout per attempt, the provider's
 * circuit (each attempt counts), then retries with backoff. Put `withFallback` around several
 * of these to fall back once a model's retries are spent.
 */
export function withResilience(
  model: LanguageModel,
  options: ResilienceOptions = {},
): LanguageModel {
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  let result = model;
  if (options.timeoutMs !== undefined) {
    result = withTimeout(result, { timeoutMs: options.timeoutMs, ...clock });
  }
  if (options.breakers !== undefined) result = withCircuitBreaker(result, options.breakers);
  if (options.retry !== false) result = withRetries(result, { ...clock, ...options.retry });
  return result;
}
