import type { GenerateResult } from "@quire/core";

/** One cached answer, as a `ResponseCacheStore` keeps it. */
export interface CachedResponse {
  /** The answer as the model gave it (usage included: what a hit saves). */
  result: GenerateResult;
  /** `provider/model` that answered: what invalidation by model matches. */
  modelId: string;
  /** The prompt (name) it was rendered from, when known: what invalidation by prompt matches. */
  prompt: string | undefined;
  /** Milliseconds on the cache's clock (since 1970 with the default wall clock). */
  createdAt: number;
  /** When it stops being served, on the cache's clock; undefined for never. */
  expiresAt: number | undefined;
}

/** Which entries an invalidation removes: by prompt, by model, both (AND), or all (neither). */
export interface CacheInvalidation {
  prompt?: string;
  modelId?: string;
}

/**
 * Where the exact response cache keeps its entries. Implementations: in memory (an LRU, here)
 * and, later, a table in the database (`store`). Rules every implementation keeps:
 * - `get` returns the entry last `set` under the key, or undefined. It may return an expired
 *   entry (the cache checks `expiresAt` itself) and may drop entries early (size limits).
 * - `set` replaces any entry under the key.
 * - `delete` removes every entry matching all given fields (none given: every entry) and
 *   returns how many it removed.
 * - A failing store must throw; the cache then behaves as a miss and never fails the call.
 */
export interface ResponseCacheStore {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, entry: CachedResponse): Promise<void>;
  delete(filter: CacheInvalidation): Promise<number>;
}

export function matchesInvalidation(
  entry: { prompt: string | undefined; modelId: string },
  filter: CacheInvalidation,
): boolean {
  return (
    (filter.prompt === undefined || entry.prompt === filter.prompt) &&
    (filter.modelId === undefined || entry.modelId === filter.modelId)
  );
}
