import { LRUCache } from "lru-cache";
import {
  type CachedResponse,
  type CacheInvalidation,
  matchesInvalidation,
  type ResponseCacheStore,
} from "./response-cache-store.js";

/**
 * The exact cache in memory: the `maxEntries` (default 10,000) most recently used answers of one
 * process. Invalidation scans the entries (fine at this size); expiry is the cache's to check.
 */
export class MemoryResponseCacheStore implements ResponseCacheStore {
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(options: { maxEntries?: number } = {}) {
    this.entries = new LRUCache({ max: options.maxEntries ?? 10_000 });
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, entry: CachedResponse): Promise<void> {
    this.entries.set(key, entry);
  }

  async delete(filter: CacheInvalidation): Promise<number> {
    if (filter.prompt === undefined && filter.modelId === undefined) {
      const count = this.entries.size;
      this.entries.clear();
      return count;
    }
    const keys = [...this.entries.entries()]
      .filter(([, entry]) => matchesInvalidation(entry, filter))
      .map(([key]) => key);
    for (const key of keys) this.entries.delete(key);
    return keys.length;
  }
}
