import { cosineSimilarity as coreCosineSimilarity, type GenerateResult } from "@quire/core";
import type { CacheInvalidation } from "./response-cache-store.js";

/** One answer of the semantic cache, with the embedding of the prompt that produced it. */
export interface SemanticCacheEntry {
  /** `responseCacheScope`: model, prompt and parameters; only equal scopes are compared. */
  scope: string;
  modelId: string;
  prompt: string | undefined;
  /** The embedding of the rendered messages (see `semanticCacheText`). */
  embedding: number[];
  result: GenerateResult;
  createdAt: number;
  expiresAt: number | undefined;
}

export interface SemanticMatch {
  entry: SemanticCacheEntry;
  /** Cosine similarity of the query's embedding and the entry's, in [-1, 1]. */
  similarity: number;
}

/**
 * Where the semantic cache keeps embeddings. Implementations: an exact scan in memory (here);
 * later pgvector in PGlite or PostgreSQL, with an exact scan where the extension is missing.
 * - `nearest` returns the entry of `scope`, not expired at `now`, with the highest cosine
 *   similarity to `embedding`, if that similarity is at least `minSimilarity`.
 * - `add` keeps an entry (entries of a scope may pile up; stores may bound them).
 * - `delete` as in `ResponseCacheStore`.
 */
export interface SemanticCacheStore {
  nearest(query: {
    scope: string;
    embedding: readonly number[];
    minSimilarity: number;
    now: number;
  }): Promise<SemanticMatch | undefined>;
  add(entry: SemanticCacheEntry): Promise<void>;
  delete(filter: CacheInvalidation): Promise<number>;
}

/**
 * Cosine similarity (core's); 0 when the lengths differ, since an entry embedded by another
 * model is simply no match here.
 */
export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  return left.length === right.length ? coreCosineSimilarity(left, right) : 0;
}
