import { matchesInvalidation } from "./response-cache-store.js";
import {
  cosineSimilarity,
  type SemanticCacheEntry,
  type SemanticCacheStore,
  type SemanticMatch,
} from "./semantic-cache-store.js";

/**
 * The semantic cache in memory, by exact scan: for tests and small single-process setups. Keeps
 * at most `maxEntries` (default 1,000), dropping the oldest first.
 */
export class MemorySemanticCacheStore implements SemanticCacheStore {
  private entries: SemanticCacheEntry[] = [];
  private readonly maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 1_000;
  }

  get size(): number {
    return this.entries.length;
  }

  async nearest(query: {
    scope: string;
    embedding: readonly number[];
    minSimilarity: number;
    now: number;
  }): Promise<SemanticMatch | undefined> {
    let best: SemanticMatch | undefined;
    for (const entry of this.entries) {
      if (entry.scope !== query.scope) continue;
      if (entry.expiresAt !== undefined && entry.expiresAt <= query.now) continue;
      const similarity = cosineSimilarity(query.embedding, entry.embedding);
      if (
        similarity >= query.minSimilarity &&
        (best === undefined || similarity > best.similarity)
      ) {
        best = { entry, similarity };
      }
    }
    return best;
  }

  async add(entry: SemanticCacheEntry): Promise<void> {
    this.entries.push(entry);
    if (this.entries.length > this.maxEntries) this.entries.shift();
  }

  async delete(filter: { prompt?: string; modelId?: string }): Promise<number> {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => !matchesInvalidation(entry, filter));
    return before - this.entries.length;
  }
}
