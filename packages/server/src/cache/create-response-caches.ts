import type {
  CacheCounts,
  CacheStatisticsResponse,
  EmbeddingModel,
  ModelInfo,
  PromptCacheStatistics,
} from "@quire/core";
import type { CacheInvalidation, Clock, ResponseCache, SemanticCache } from "@quire/llm";
import type { RemovedEntries, Store, StoredCacheStatistics } from "@quire/store";
import { CacheStatisticsBuffer } from "./cache-statistics-buffer.js";
import { CountingResponseCache } from "./counting-response-cache.js";
import { CountingSemanticCache } from "./counting-semantic-cache.js";
import { type LayeredModelCache, layeredModelCache } from "./layered-model-cache.js";
import { asResponseCacheStore, asSemanticCacheStore } from "./store-shapes.js";

export interface ResponseCachesOptions {
  /** How long an answer is served, in milliseconds (default one hour); null for no limit. */
  ttlMs?: number | null;
  /** Cache sampled answers (temperature above 0) without being asked per call (default false). */
  cacheNonZeroTemperature?: boolean;
  /** Prices for the saved-cost statistics (default: core's model table). */
  modelTable?: readonly ModelInfo[];
  /** The caches' time (default the wall clock; the store reads expiry against the same). */
  clock?: Clock;
  /** The semantic cache: off unless an embedding model is given. */
  semantic?: {
    embeddingModel: EmbeddingModel;
    /** The least cosine similarity served (default 0.95). */
    threshold?: number;
    /** Default: the exact cache's `ttlMs`. */
    ttlMs?: number | null;
  };
  /** Whether the server uses the exact cache for runs (reported by the statistics; default true). */
  exactEnabled?: boolean;
  /** How often counts are added to the database (default 5 s). */
  statisticsFlushIntervalMs?: number;
  /** Where the semantic cache says why it is off, and failed flushes are reported. */
  logger?: { info(message: string): void; warn(message: string): void };
}

/** The server's response caches on the store's database, and what the cache routes need. */
export interface ResponseCaches {
  /** llm's exact cache over the `response_cache_entries` table, counting into the statistics. */
  readonly exact: ResponseCache;
  /** llm's semantic cache over pgvector; undefined when off (see `semanticStatus.reason`). */
  readonly semantic: SemanticCache | undefined;
  readonly semanticStatus: CacheStatisticsResponse["semanticCache"];
  /**
   * Both, for the run service's model chain (its `ModelCache`): the exact cache, then the
   * semantic cache when on, then the model.
   */
  readonly modelCache: LayeredModelCache;
  /** Per prompt and in total, summed over every server (this one's counts flushed first). */
  statistics(filter?: { prompt?: string | undefined }): Promise<CacheStatisticsResponse>;
  /**
   * Removes the answers of a prompt, a model, both, or (neither) all, from both caches. This
   * process's answers still being written land first, so none survives the removal; another
   * server's answer written in the same milliseconds may (answers are written behind).
   */
  invalidate(filter: CacheInvalidation): Promise<RemovedEntries>;
  /** Writes this process's counts and the answers still being written, now. */
  flush(): Promise<void>;
  /** Stops the flush timer and writes what is left (counts and answers); before the store closes. */
  close(): Promise<void>;
}

const defaultTtlMs = 3_600_000;
const defaultThreshold = 0.95;

/**
 * Builds llm's `ResponseCache` and `SemanticCache` on the database: the exact cache in the
 * store's table, the semantic cache with pgvector when an embedding model is configured and the
 * database has the extension (otherwise off, with the reason logged), both counting hits,
 * misses and what hits saved into statistics persisted in batches.
 */
export async function createResponseCaches(
  store: Pick<Store, "responseCache">,
  options: ResponseCachesOptions = {},
): Promise<ResponseCaches> {
  const storage = store.responseCache;
  const ttlMs = options.ttlMs === undefined ? defaultTtlMs : options.ttlMs;
  const counts = new CacheStatisticsBuffer(storage, {
    ...(options.statisticsFlushIntervalMs === undefined
      ? {}
      : { flushIntervalMs: options.statisticsFlushIntervalMs }),
    onFlushError: (error) =>
      options.logger?.warn(
        `Response cache statistics could not be written (kept for the next try): ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  const shared = {
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.cacheNonZeroTemperature === undefined
      ? {}
      : { cacheNonZeroTemperature: options.cacheNonZeroTemperature }),
  };
  const clock = options.clock;
  const exactStore =
    clock === undefined ? storage.exact : storage.exactWithClock(() => clock.now());
  const exact = new CountingResponseCache(
    {
      store: asResponseCacheStore(exactStore),
      ttlMs,
      ...shared,
      ...(options.modelTable === undefined ? {} : { modelTable: options.modelTable }),
    },
    counts,
  );

  let semantic: SemanticCache | undefined;
  let semanticStatus: CacheStatisticsResponse["semanticCache"];
  if (options.semantic === undefined) {
    semanticStatus = {
      enabled: false,
      reason: "no embedding model is configured for the semantic cache",
      threshold: null,
      vectorVersion: null,
    };
  } else {
    const availability = await storage.openSemanticCache();
    const threshold = options.semantic.threshold ?? defaultThreshold;
    if (availability.available) {
      semantic = new CountingSemanticCache(
        {
          embeddingModel: options.semantic.embeddingModel,
          store: asSemanticCacheStore(availability.store),
          threshold,
          ttlMs: options.semantic.ttlMs === undefined ? ttlMs : options.semantic.ttlMs,
          ...shared,
          ...(options.modelTable === undefined ? {} : { modelTable: options.modelTable }),
        },
        counts,
      );
      semanticStatus = {
        enabled: true,
        reason: null,
        threshold,
        vectorVersion: availability.vectorVersion,
      };
      options.logger?.info(
        `Semantic response cache is on: ${options.semantic.embeddingModel.modelId}, similarity ≥ ${threshold}, pgvector ${availability.vectorVersion} (${availability.index}).`,
      );
    } else {
      semanticStatus = {
        enabled: false,
        reason: availability.reason,
        threshold: null,
        vectorVersion: null,
      };
      options.logger?.warn(
        `Semantic response cache is off: ${availability.reason}. The exact cache works as usual.`,
      );
    }
  }

  return {
    exact,
    semantic,
    semanticStatus,
    modelCache: layeredModelCache(exact, semantic),
    statistics: async (filter = {}) => {
      await counts.flush();
      const rows = await storage.readStatistics(filter);
      return {
        items: rows.map(toPromptStatistics),
        totals: totalsOf(rows),
        exactCache: { enabled: options.exactEnabled ?? true, ttlMs },
        semanticCache: semanticStatus,
      };
    },
    invalidate: async (filter) => {
      await exact.settled();
      return storage.invalidate(filter);
    },
    flush: async () => {
      await exact.settled();
      await counts.flush();
    },
    // Never fails a shutdown: the counts are statistics, and a cache answer not written is
    // only a future miss.
    close: async () => {
      await exact.settled();
      await counts.close().catch((error: unknown) => {
        options.logger?.warn(
          `Response cache statistics not written at shutdown: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    },
  };
}

function rate(hits: number, misses: number): number | null {
  return hits + misses === 0 ? null : hits / (hits + misses);
}

function countsOf(row: Omit<StoredCacheStatistics, "prompt" | "updatedAt">): CacheCounts {
  return {
    hits: row.hits,
    misses: row.misses,
    semanticHits: row.semanticHits,
    semanticMisses: row.semanticMisses,
    skipped: row.skipped,
    hitRate: rate(row.hits, row.misses),
    semanticHitRate: rate(row.semanticHits, row.semanticMisses),
    savedInputTokens: row.savedInputTokens,
    savedOutputTokens: row.savedOutputTokens,
    savedCostUsd: row.savedCostUsd,
    unpricedHits: row.unpricedHits,
  };
}

function toPromptStatistics(row: StoredCacheStatistics): PromptCacheStatistics {
  return { prompt: row.prompt ?? null, ...countsOf(row), updatedAt: row.updatedAt };
}

function totalsOf(rows: readonly StoredCacheStatistics[]): CacheCounts {
  const sum = {
    hits: 0,
    misses: 0,
    semanticHits: 0,
    semanticMisses: 0,
    skipped: 0,
    savedInputTokens: 0,
    savedOutputTokens: 0,
    savedCostUsd: 0,
    unpricedHits: 0,
  };
  for (const row of rows) {
    for (const key of Object.keys(sum) as Array<keyof typeof sum>) sum[key] += row[key];
  }
  return countsOf(sum);
}
