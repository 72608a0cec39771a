import type {
  CachedResponse,
  CacheInvalidation,
  ResponseCacheStore,
  SemanticCacheEntry,
  SemanticCacheStore,
  SemanticMatch,
} from "@quire/llm";
import type {
  CacheEntryFilter,
  ExactCacheStore,
  SemanticCacheVectorStore,
  SemanticNearestQuery,
  StoredCachedResponse,
  StoredSemanticEntry,
  StoredSemanticMatch,
} from "@quire/store";

/*
 * `store` writes out llm's cache-store shapes (it may import only core). These checks fail the
 * typecheck when either side changes without the other: the data types must be the same both
 * ways, and the database stores must be usable as llm's stores.
 */

/** true when A and B are assignable to each other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<Check extends true> = Check;

export type StoreShapeChecks = [
  Holds<Same<StoredCachedResponse, CachedResponse>>,
  Holds<Same<CacheEntryFilter, CacheInvalidation>>,
  Holds<Same<StoredSemanticEntry, SemanticCacheEntry>>,
  Holds<Same<StoredSemanticMatch, SemanticMatch>>,
  Holds<Same<SemanticNearestQuery, Parameters<SemanticCacheStore["nearest"]>[0]>>,
  Holds<Same<ExactCacheStore, ResponseCacheStore>>,
  Holds<Same<SemanticCacheVectorStore, SemanticCacheStore>>,
];

/** The same, as values: a database store passed where llm wants its store. */
export function asResponseCacheStore(store: ExactCacheStore): ResponseCacheStore {
  return store;
}

export function asSemanticCacheStore(store: SemanticCacheVectorStore): SemanticCacheStore {
  return store;
}
