import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { translateDatabaseError } from "../registry/database-errors.js";
import { addCacheStatistics, readCacheStatistics } from "./cache-statistics-table.js";
import { ExactCacheTable } from "./exact-cache-table.js";
import { removeExpiredEntries } from "./remove-expired-entries.js";
import type { ResponseCacheStorage, SemanticCacheAvailability } from "./response-cache-storage.js";
import type { ResponseCacheTables } from "./response-cache-tables.js";
import { deleteSemanticEntries, SemanticCacheTable } from "./semantic-cache-table.js";
import { type DatabaseKind, prepareVectorSupport } from "./vector-support.js";

export interface ResponseCacheStorageOptions {
  kind: DatabaseKind;
  /** The clock expiry is read against (default `Date.now`, the caches' wall clock). */
  now?: () => number;
  /** How often per-row hit counts are written (default 5 s). */
  hitFlushIntervalMs?: number;
  /** How often expired rows are deleted (default 60 s), at most `maxExpiredRowsPerRun` a time. */
  cleanupIntervalMs?: number;
  maxExpiredRowsPerRun?: number;
  /**
   * Exact-cache entries kept in memory in front of the table (default 10,000 on PGlite, whose
   * one process is the only writer; always 0 on PostgreSQL, shared by other servers).
   */
  recentEntries?: number;
}

/** The storage and what stops its background work (after a last flush of hit counts). */
export interface ResponseCacheStorageHandle {
  storage: ResponseCacheStorage;
  stop(): Promise<void>;
}

/**
 * The response cache's tables on an open database, with their background work: hit counts
 * written every few seconds (and when 10,000 rows wait), expired rows deleted every minute.
 * Timers do not keep the process alive; a failed run is retried at the next tick.
 */
export function createResponseCacheStorage(
  database: Kysely<StoreSchema>,
  options: ResponseCacheStorageOptions,
): ResponseCacheStorageHandle {
  const tables = database.withTables<ResponseCacheTables>();
  const now = options.now ?? Date.now;
  // Flushes run one after another; a flush asked for while one runs writes what came after it.
  let lastFlush: Promise<void> = Promise.resolve();
  let flushQueuedByFullBuffer = false;
  const flushHits = (): Promise<void> => {
    const flush = lastFlush.then(() => exact.flushHits());
    lastFlush = flush.catch(() => {});
    return flush;
  };
  const exact: ExactCacheTable = new ExactCacheTable(tables, now, {
    recentEntries: options.kind === "pglite" ? (options.recentEntries ?? 10_000) : 0,
    onHitBufferFull: () => {
      if (flushQueuedByFullBuffer) return;
      flushQueuedByFullBuffer = true;
      flushHits()
        .catch(() => {
          // Kept in the buffer; written at the next flush.
        })
        .finally(() => {
          flushQueuedByFullBuffer = false;
        });
    },
  });
  let semantic: Promise<SemanticCacheAvailability> | undefined;
  const openSemanticCache = (): Promise<SemanticCacheAvailability> => {
    semantic ??= prepareVectorSupport(tables, options.kind).then(
      (result): SemanticCacheAvailability =>
        result.available
          ? {
              available: true,
              store: new SemanticCacheTable(tables, result.support),
              vectorVersion: result.support.version,
              index: result.support.hnsw ? "hnsw" : "exact",
            }
          : result,
    );
    return semantic;
  };
  const storage: ResponseCacheStorage = {
    exact,
    exactWithClock: (clock) => ({
      get: (key) => exact.getAt(key, clock()),
      set: (key, entry) => exact.set(key, entry),
      delete: (filter) => exact.delete(filter),
    }),
    openSemanticCache,
    addStatistics: (increments) => addCacheStatistics(tables, increments),
    readStatistics: (filter) => readCacheStatistics(tables, filter),
    invalidate: async (filter) => {
      // Answers waiting for their batch are written first, so none outlives the delete.
      await exact.flushWrites().catch(() => {});
      try {
        return await tables.transaction().execute(async (transaction) => {
          const removedExact = await new ExactCacheTable(transaction, now).delete(filter);
          const removedSemantic = await deleteSemanticEntries(transaction, filter);
          return { exact: removedExact, semantic: removedSemantic };
        });
      } catch (error) {
        throw translateDatabaseError(error);
      } finally {
        exact.forget(filter);
      }
    },
    removeExpired: (removal = {}) =>
      removeExpiredEntries(tables, new Date(removal.now ?? now()), removal.maxRows),
    flushHits,
    entryHits: (key) => exact.entryHits(key),
  };
  const hitTimer = setInterval(() => {
    flushHits().catch(() => {
      // Kept in the buffer; written at the next flush.
    });
  }, options.hitFlushIntervalMs ?? 5_000);
  hitTimer.unref();
  const cleanupTimer = setInterval(() => {
    storage
      .removeExpired({ maxRows: options.maxExpiredRowsPerRun })
      .then(async () => {
        // PGlite runs no autovacuum: without fresh statistics the planner would not know when
        // the HNSW index beats sorting a scope's rows.
        if (options.kind === "pglite") {
          await sql`ANALYZE response_cache_entries, semantic_cache_entries`.execute(tables);
        }
      })
      .catch(() => {
        // Retried at the next tick; expired rows are never served meanwhile.
      });
  }, options.cleanupIntervalMs ?? 60_000);
  cleanupTimer.unref();
  return {
    storage,
    stop: async () => {
      clearInterval(hitTimer);
      clearInterval(cleanupTimer);
      await exact.flushWrites();
      await flushHits().catch(() => {
        // The database is going away: the last hit counts are informational, not answers.
      });
    },
  };
}
