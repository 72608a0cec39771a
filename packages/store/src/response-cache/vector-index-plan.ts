import type { VectorSupport } from "./vector-support.js";

/** pgvector's limits on indexed dimensions: `vector` up to 2,000, `halfvec` up to 4,000. */
export const maximumVectorIndexDimensions = 2_000;
export const maximumHalfvecIndexDimensions = 4_000;
/** pgvector's limit on a vector's length. */
export const maximumVectorDimensions = 16_000;

/**
 * How embeddings of `dimensions` are searched: an HNSW index (cosine) on the column cast to a
 * fixed length — `vector(n)`, or `halfvec(n)` past 2,000 — partial on `dimensions = n`, or none
 * (an exact scan of the scope's rows, found by the scope index).
 *
 * IVFFlat is not used where HNSW is missing (pgvector before 0.5): its lists are trained when
 * the index is built, and a cache table starts empty, so it would miss near answers that an
 * exact scan finds.
 */
export interface VectorIndexPlan {
  /** The type the column is cast to in the index and in the ORDER BY that uses it. */
  cast: "vector" | "halfvec";
  /** The index name, or undefined for an exact scan. */
  indexName: string | undefined;
}

export function vectorIndexPlan(dimensions: number, support: VectorSupport): VectorIndexPlan {
  if (support.hnsw && dimensions <= maximumVectorIndexDimensions) {
    return { cast: "vector", indexName: `semantic_cache_entries_hnsw_${dimensions}` };
  }
  if (support.hnsw && support.halfvec && dimensions <= maximumHalfvecIndexDimensions) {
    return { cast: "halfvec", indexName: `semantic_cache_entries_hnsw_half_${dimensions}` };
  }
  return { cast: "vector", indexName: undefined };
}
