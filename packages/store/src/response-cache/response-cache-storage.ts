import type { GenerateResult } from "@quire/core";

/*
 * The response cache's storage. The shapes below are those of `@quire/llm`'s
 * `ResponseCacheStore` and `SemanticCacheStore` (store may import only core, so they are written
 * out here); `packages/server/src/cache/store-shapes.ts` assigns one to the other, so a drift on
 * either side fails the typecheck.
 */

/** One answer of the exact cache (llm's `CachedResponse`). */
export interface StoredCachedResponse {
  result: GenerateResult;
  /** `provider/model` that answered: what invalidation by model matches. */
  modelId: string;
  /** The prompt it was rendered from: what invalidation by prompt matches. */
  prompt: string | undefined;
  /** Milliseconds since 1970 (kept to the millisecond). */
  createdAt: number;
  /** When it stops being served; undefined for never. */
  expiresAt: number | undefined;
}

/** Which entries to remove: by prompt, by model, both (AND), or all (neither). */
export interface CacheEntryFilter {
  prompt?: string;
  modelId?: string;
}

/** The exact cache's table (llm's `ResponseCacheStore`). */
export interface ExactCacheStore {
  /**
   * The entry stored under `key`, unless it expired (its `expiresAt` is at or before the
   * store's clock); counts a hit on the row (written in batches).
   */
  get(key: string): Promise<StoredCachedResponse | undefined>;
  /** Stores or replaces the entry under `key` (its hit count starts again at 0). */
  set(key: string, entry: StoredCachedResponse): Promise<void>;
  /** Removes the entries matching every given field (none: all); returns how many. */
  delete(filter: CacheEntryFilter): Promise<number>;
}

/** One answer of the semantic cache (llm's `SemanticCacheEntry`). */
export interface StoredSemanticEntry {
  scope: string;
  modelId: string;
  prompt: string | undefined;
  /** As given to `add`; read back from pgvector, so in single precision. */
  embedding: number[];
  result: GenerateResult;
  createdAt: number;
  expiresAt: number | undefined;
}

export interface StoredSemanticMatch {
  entry: StoredSemanticEntry;
  /** Cosine similarity of the query's embedding and the entry's. */
  similarity: number;
}

export interface SemanticNearestQuery {
  scope: string;
  embedding: readonly number[];
  minSimilarity: number;
  now: number;
}

/** The semantic cache's table, searched with pgvector (llm's `SemanticCacheStore`). */
export interface SemanticCacheVectorStore {
  /** The live entry of `scope` most similar to `embedding`, if at least `minSimilarity`. */
  nearest(query: SemanticNearestQuery): Promise<StoredSemanticMatch | undefined>;
  add(entry: StoredSemanticEntry): Promise<void>;
  delete(filter: CacheEntryFilter): Promise<number>;
}

/** Whether the database can hold the semantic cache, and why not. */
export type SemanticCacheAvailability =
  | {
      available: true;
      store: SemanticCacheVectorStore;
      /** pgvector's version, e.g. "0.8.0". */
      vectorVersion: string;
      /** How nearest-neighbour search is indexed ("hnsw", or "exact" when pgvector has no HNSW). */
      index: "hnsw" | "exact";
    }
  | { available: false; reason: string };

/** Counts to add to one prompt's statistics (all zero or more). */
export interface CacheStatisticsIncrement {
  /** undefined for calls without a prompt. */
  prompt: string | undefined;
  hits: number;
  misses: number;
  semanticHits: number;
  semanticMisses: number;
  skipped: number;
  savedInputTokens: number;
  savedOutputTokens: number;
  savedCostUsd: number;
  unpricedHits: number;
}

/** One prompt's statistics, as summed over every server. */
export interface StoredCacheStatistics extends CacheStatisticsIncrement {
  /** ISO time of the last flush that added to them. */
  updatedAt: string;
}

export interface RemovedEntries {
  exact: number;
  semantic: number;
}

/**
 * The response cache's tables on the store's database (migration 0004). Expired rows are
 * deleted in the background (bounded batches); per-row hit counts are written in batches. Both
 * stop, after a last flush, when the store closes.
 */
export interface ResponseCacheStorage {
  /** The exact cache, expiry read against the wall clock (`Date.now()`). */
  readonly exact: ExactCacheStore;
  /**
   * The same table with expiry read against another clock (a cache built with a test clock):
   * the caches and their store must agree on what time it is.
   */
  exactWithClock(now: () => number): ExactCacheStore;
  /**
   * Prepares the semantic cache: enables pgvector (`CREATE EXTENSION IF NOT EXISTS vector`) and
   * its column when the database has it. Never throws for a missing or refused extension: says
   * why in `reason` instead. Call once at start; later calls reuse the answer.
   */
  openSemanticCache(): Promise<SemanticCacheAvailability>;
  /** Adds counts to each prompt's statistics, in one statement. */
  addStatistics(increments: readonly CacheStatisticsIncrement[]): Promise<void>;
  /** Every prompt's statistics (or one prompt's), by prompt name. */
  readStatistics(filter?: { prompt?: string | undefined }): Promise<StoredCacheStatistics[]>;
  /** Removes matching entries of both caches (none given: all). */
  invalidate(filter: CacheEntryFilter): Promise<RemovedEntries>;
  /**
   * Deletes expired entries of both caches, at most `maxRows` (default 10,000) per call, in
   * batches of 1,000; returns how many. Runs every minute by itself; exposed for tests and tools.
   */
  removeExpired(options?: { maxRows?: number; now?: number }): Promise<number>;
  /** Writes the per-row hit counts gathered since the last flush. */
  flushHits(): Promise<void>;
  /** How often an exact entry was served (as flushed so far), or undefined when there is none. */
  entryHits(key: string): Promise<{ hits: number; lastHitAt: string | null } | undefined>;
  /**
   * The exact cache's keys kept in memory, so that a lookup of a key never written costs no
   * query: on PGlite the one process's keys; on PostgreSQL every server's, told by NOTIFY.
   */
  readonly knownKeys: {
    /**
     * Whether misses are answered from memory now (PostgreSQL: false until the keys are loaded,
     * while the listening connection is down, and past the size limit; PGlite: true once loaded
     * and while under the limit).
     */
    active(): boolean;
    /** Resolves when a load under way is done. */
    ready(): Promise<void>;
  };
}
