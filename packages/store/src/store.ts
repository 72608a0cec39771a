import type { AccessStore } from "./access/access-store.js";
import type { EvaluationStore } from "./evaluation/evaluation-store.js";
import type { ExecutionStore } from "./executions/execution-store.js";
import type { IdempotencyStore } from "./idempotency/idempotency-store.js";
import type { PromptStore } from "./prompt-store.js";
import type { RateLimitStore } from "./rate-limits/rate-limit-store.js";
import type { ResponseCacheStorage } from "./response-cache/response-cache-storage.js";

/**
 * What `openStore` returns: the registry and, on the same database, the execution log and the
 * response cache's tables.
 */
export interface Store extends PromptStore {
  readonly executions: ExecutionStore;
  readonly responseCache: ResponseCacheStorage;
  /** Projects and API keys with their roles (issue 5). */
  readonly access: AccessStore;
  /** Datasets, eval runs (durable jobs) and their results (issue 6). */
  readonly evaluation: EvaluationStore;
  /** Idempotency-Key records of retried writes. */
  readonly idempotency: IdempotencyStore;
  /** Fixed-window counters shared by every server: rate limits and login throttling. */
  readonly rateLimits: RateLimitStore;
}
