import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { translateDatabaseError } from "../registry/database-errors.js";
import { addCacheStatistics, readCacheStatistics } from "./cache-statistics-table.js";
import { ExactCacheTable } from "./exact-cache-table.js";
import { listenForCacheKeys } from "./postgres-cache-keys-feed.js";
import { removeExpiredEntries } from "./remove-expired-entries.js";
import type { ResponseCacheStorage, SemanticCacheAvailability } from "./response-cache-storage.js";
import type { ResponseCacheTables } from "./response-cache-tables.js";
import { deleteSemanticEntries, SemanticCacheTable } from "./semantic-cache-table.js";
import { SharedKnownKeys } from "./shared-known-keys.js";
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
  /**
   * How long an answer waits to be written with the others that come meanwhile (default 250 ms
   * on PGlite, whose statements run on the server's one thread and are served from memory
   * meanwhile; 10 ms on PostgreSQL, where other servers read the row).
   */
  writeDelayMs?: number;
  /**
   * PostgreSQL's connection string: every server then keeps the exact cache's key fingerprints,
   * told of the others' writes and deletes on one more LISTEN connection, so a lookup of a key
   * never written costs no query. Without it (or on PGlite) that is left to the one writer.
   */
  databaseUrl?: string;
  /** Past this many keys the shared set turns off and misses read the table (default 1,000,000). */
  maxSharedKeys?: number;
}

const defaultMaxSharedKeys = 1_000_000;
const listenRetryDelayMs = 1_000;

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
  const sharedKeys =
    options.kind === "postgres" && options.databaseUrl !== undefined && options.databaseUrl !== ""
      ? new SharedKnownKeys({
          loadPage: (after, limit) => liveKeysAfter(tables, new Date(now()), after, limit),
          maxKeys: options.maxSharedKeys ?? defaultMaxSharedKeys,
        })
      : undefined;
  const exact: ExactCacheTable = new ExactCacheTable(tables, now, {
    ...(sharedKeys === undefined ? {} : { sharedKeys }),
    recentEntries: options.kind === "pglite" ? (options.recentEntries ?? 10_000) : 0,
    writeDelayMs: options.writeDelayMs ?? (options.kind === "pglite" ? 250 : 10),
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
          const removedExact = await exact.deleteIn(transaction, filter);
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
      removeExpiredEntries(
        tables,
        new Date(removal.now ?? now()),
        removal.maxRows,
        sharedKeys === undefined ? undefined : (keys) => exact.announceRemoved(tables, keys),
      ),
    flushHits,
    entryHits: (key) => exact.entryHits(key),
    knownKeys: exact.knownKeys,
  };
  // The shared keys' listener starts in the background: until it listens and the keys are
  // loaded, lookups read the table as before. A failed start is retried every second.
  let listener: { close(): Promise<void> } | undefined;
  let stopped = false;
  let listenTimer: NodeJS.Timeout | undefined;
  const startListening = (url: string, keys: SharedKnownKeys): void => {
    listenForCacheKeys(url, keys).then(
      async (started) => {
        if (stopped) await started.close();
        else listener = started;
      },
      () => {
        if (stopped) return;
        listenTimer = setTimeout(() => startListening(url, keys), listenRetryDelayMs);
        listenTimer.unref();
      },
    );
  };
  if (sharedKeys !== undefined && options.databaseUrl !== undefined) {
    startListening(options.databaseUrl, sharedKeys);
  }
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
      stopped = true;
      clearTimeout(listenTimer);
      await listener?.close();
      clearInterval(hitTimer);
      clearInterval(cleanupTimer);
      await exact.flushWrites();
      await flushHits().catch(() => {
        // The database is going away: the last hit counts are informational, not answers.
      });
    },
  };
}

/** Up to `limit` keys of live exact-cache rows after `after`, in key order (loading shared keys). */
async function liveKeysAfter(
  tables: Kysely<StoreSchema & ResponseCacheTables>,
  now: Date,
  after: string | undefined,
  limit: number,
): Promise<string[]> {
  let query = tables
    .selectFrom("response_cache_entries")
    .select("key")
    .where((where) => where.or([where("expires_at", "is", null), where("expires_at", ">", now)]));
  if (after !== undefined) query = query.where("key", ">", after);
  const rows = await query.orderBy("key").limit(limit).execute();
  return rows.map((row) => row.key);
}
