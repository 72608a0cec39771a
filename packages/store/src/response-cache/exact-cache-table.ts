import { sql } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import { toIsoTimeOrNull } from "../registry/row-mapping.js";
import {
  cacheTime,
  checkedKey,
  counterOf,
  millisecondsOf,
  optionalCacheTime,
  resultJson,
  resultOf,
} from "./cache-row-values.js";
import { EntryHitBuffer } from "./entry-hit-buffer.js";
import { keyFingerprint } from "./key-fingerprint.js";
import { KnownKeys } from "./known-keys.js";
import { PendingCacheWrites } from "./pending-cache-writes.js";
import { publishCacheKeysEvent } from "./postgres-cache-keys-feed.js";
import { RecentEntries } from "./recent-entries.js";
import type {
  CacheEntryFilter,
  ExactCacheStore,
  StoredCachedResponse,
} from "./response-cache-storage.js";
import type { ResponseCacheDatabase } from "./response-cache-tables.js";
import type { SharedKnownKeys } from "./shared-known-keys.js";
import { type CacheEntryRow, upsertCacheEntries } from "./upsert-cache-entries.js";

export interface ExactCacheTableOptions {
  maxPendingHitKeys?: number;
  onHitBufferFull?: () => void;
  /**
   * Keep this many recently used entries in memory in front of the table (default 0: none).
   * Only for a process that is the table's one writer (PGlite), or other writers' changes would
   * not be seen.
   */
  recentEntries?: number;
  /**
   * Answers are written in batches: one statement for those that came within `writeDelayMs`
   * (default 10) or `maxWriteBatch` (default 200) rows, whichever first. A `set` resolves when
   * its row is written.
   */
  writeDelayMs?: number;
  maxWriteBatch?: number;
  /**
   * The table's keys on a database several servers write (PostgreSQL), told of every server's
   * writes and deletes by NOTIFY: lookups of keys it surely lacks cost no query, and this table
   * announces its own writes and deletes. Hits are still read from the table.
   */
  sharedKeys?: SharedKnownKeys;
}

/** Past this many deleted keys, other servers are told to reload their keys instead of a list. */
const maximumListedRemovals = 4_000;

/** Past this many keys the one-writer key set is reloaded; a table this big turns it off. */
const maximumKnownKeys = 200_000;

/**
 * The exact cache in `response_cache_entries`: a primary-key read per lookup (expired rows are
 * not returned), an upsert per answer kept, and per-row hit counts gathered in memory and added
 * by `flushHits` in one statement. With `recentEntries` (one writer only), hits on recent entries
 * need no query, and neither do lookups of keys never written (the process keeps the table's
 * keys); with `sharedKeys` (PostgreSQL) the same holds for lookups of keys never written, every
 * server keeping the keys' fingerprints. Answers are upserted in batches.
 */
export class ExactCacheTable implements ExactCacheStore {
  private readonly hits: EntryHitBuffer;
  private readonly onHitBufferFull: () => void;
  private readonly recent: RecentEntries | undefined;
  private readonly known: Pick<KnownKeys, "mayHold" | "add" | "active" | "ready"> | undefined;
  private readonly shared: SharedKnownKeys | undefined;
  private readonly writes: PendingCacheWrites<CacheEntryRow>;

  constructor(
    private readonly database: ResponseCacheDatabase,
    private readonly now: () => number,
    options: ExactCacheTableOptions = {},
  ) {
    this.hits = new EntryHitBuffer(options.maxPendingHitKeys);
    this.onHitBufferFull = options.onHitBufferFull ?? (() => {});
    const recentEntries = options.recentEntries ?? 0;
    this.recent = recentEntries > 0 ? new RecentEntries(recentEntries) : undefined;
    this.shared = options.sharedKeys;
    this.known =
      recentEntries > 0
        ? new KnownKeys((limit) => this.listKeys(limit), maximumKnownKeys)
        : this.shared;
    const announce = this.shared !== undefined;
    this.writes = new PendingCacheWrites((rows) => upsertCacheEntries(database, rows, announce), {
      maxRows: options.maxWriteBatch ?? 200,
      delayMs: options.writeDelayMs ?? 10,
    });
  }

  get(key: string): Promise<StoredCachedResponse | undefined> {
    return this.getAt(key, this.now());
  }

  /** `get`, with expiry read against `now` (ms since 1970) instead of the store's clock. */
  async getAt(key: string, now: number): Promise<StoredCachedResponse | undefined> {
    checkedKey(key);
    const recent = this.recent?.get(key, now);
    if (recent !== undefined) {
      this.countHit(key, now);
      return recent;
    }
    if (this.known?.mayHold(key) === false) return undefined;
    const generation = this.recent?.generation ?? 0;
    let row:
      | {
          value: unknown;
          model: string;
          prompt: string | null;
          created_at: Date;
          expires_at: Date | null;
        }
      | undefined;
    try {
      row = await this.database
        .selectFrom("response_cache_entries")
        .select(["value", "model", "prompt", "created_at", "expires_at"])
        .where("key", "=", checkedKey(key))
        .where((where) =>
          where.or([where("expires_at", "is", null), where("expires_at", ">", new Date(now))]),
        )
        .executeTakeFirst();
    } catch (error) {
      throw translateDatabaseError(error);
    }
    if (row === undefined) return undefined;
    this.countHit(key, now);
    const entry: StoredCachedResponse = {
      result: resultOf(row.value),
      modelId: row.model,
      prompt: row.prompt ?? undefined,
      createdAt: row.created_at.getTime(),
      expiresAt: millisecondsOf(row.expires_at),
    };
    this.recent?.remember(key, entry, generation);
    return entry;
  }

  private countHit(key: string, now: number): void {
    if (this.hits.add(key, now)) this.onHitBufferFull();
  }

  async set(key: string, entry: StoredCachedResponse): Promise<void> {
    const row: CacheEntryRow = {
      key: checkedKey(key),
      value: resultJson(entry.result),
      model: entry.modelId,
      prompt: entry.prompt ?? null,
      created_at: cacheTime(entry.createdAt, "createdAt"),
      expires_at: optionalCacheTime(entry.expiresAt, "expiresAt"),
    };
    this.known?.add(key);
    // The one writer serves its own answers from memory at once, while the row waits for its
    // batch: a batch can then wait longer, and the database's work is done in fewer statements.
    this.recent?.written(key, { ...entry });
    try {
      await this.writes.add(row);
    } catch (error) {
      // The row may or may not have changed: forget what is kept, so the table is read again.
      this.recent?.dropped(key);
      throw translateDatabaseError(error);
    }
  }

  /** Writes the answers waiting for their batch now (before a delete, at shutdown). */
  flushWrites(): Promise<void> {
    return this.writes.flush();
  }

  /** Up to `limit` keys of the table, once the rows queued so far are written. */
  private async listKeys(limit: number): Promise<string[]> {
    await this.writes.flush();
    const rows = await this.database
      .selectFrom("response_cache_entries")
      .select("key")
      .limit(limit)
      .execute();
    return rows.map((row) => row.key);
  }

  /** Drops kept entries that a delete elsewhere (a transaction of `invalidate`) removed. */
  forget(filter: CacheEntryFilter): void {
    this.recent?.deleted(filter);
  }

  async delete(filter: CacheEntryFilter): Promise<number> {
    await this.writes.flush();
    try {
      // With shared keys, the notification commits with the delete (or neither happens).
      if (this.shared === undefined) return await this.deleteIn(this.database, filter);
      return await this.database
        .transaction()
        .execute((transaction) => this.deleteIn(transaction, filter));
    } finally {
      this.recent?.deleted(filter);
    }
  }

  /**
   * Deletes the matching rows with `executor` (the store, or a transaction of `invalidate`, whose
   * commit then delivers the notification), without writing the answers waiting for their batch.
   * With shared keys, every server (this one too) is told which keys went by NOTIFY.
   */
  async deleteIn(executor: ResponseCacheDatabase, filter: CacheEntryFilter): Promise<number> {
    let query = executor.deleteFrom("response_cache_entries");
    if (filter.prompt !== undefined) query = query.where("prompt", "=", filter.prompt);
    if (filter.modelId !== undefined) query = query.where("model", "=", filter.modelId);
    try {
      if (this.shared === undefined) {
        const result = await query.executeTakeFirst();
        return Number(result.numDeletedRows);
      }
      if (filter.prompt === undefined && filter.modelId === undefined) {
        const result = await query.executeTakeFirst();
        await publishCacheKeysEvent(executor, { kind: "cleared" });
        return Number(result.numDeletedRows);
      }
      const removed = await query.returning("key").execute();
      await this.announceRemoved(
        executor,
        removed.map((row) => row.key),
      );
      return removed.length;
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }

  /** Tells every server (with shared keys) that the rows of `keys` were deleted. */
  async announceRemoved(executor: ResponseCacheDatabase, keys: readonly string[]): Promise<void> {
    if (this.shared === undefined || keys.length === 0) return;
    await publishCacheKeysEvent(
      executor,
      keys.length > maximumListedRemovals
        ? { kind: "reload" }
        : { kind: "removed", fingerprints: keys.map(keyFingerprint) },
    );
  }

  /** Adds the hits counted since the last flush to their rows; on failure keeps them for the next. */
  async flushHits(): Promise<void> {
    const counts = this.hits.take();
    if (counts.length === 0) return;
    const batch = JSON.stringify(
      counts.map((count) => ({
        key: count.key,
        hits: count.hits,
        last_hit_at: new Date(count.lastHitAt).toISOString(),
      })),
    );
    try {
      await sql`
        UPDATE response_cache_entries AS entry
        SET hits = entry.hits + batch.hits,
            last_hit_at = GREATEST(entry.last_hit_at, batch.last_hit_at)
        FROM json_to_recordset(${batch}::json)
          AS batch(key text, hits bigint, last_hit_at timestamptz)
        WHERE entry.key = batch.key`.execute(this.database);
    } catch (error) {
      this.hits.restore(counts);
      throw translateDatabaseError(error);
    }
  }

  async entryHits(key: string): Promise<{ hits: number; lastHitAt: string | null } | undefined> {
    try {
      const row = await this.database
        .selectFrom("response_cache_entries")
        .select(["hits", "last_hit_at"])
        .where("key", "=", checkedKey(key))
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : { hits: counterOf(row.hits), lastHitAt: toIsoTimeOrNull(row.last_hit_at) };
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }

  /** What the storage's `knownKeys` reports: are misses answered without a query now. */
  readonly knownKeys = {
    active: (): boolean => this.known?.active ?? false,
    ready: async (): Promise<void> => this.known?.ready(),
  };

  /** Hits counted but not yet written. */
  get pendingHitKeys(): number {
    return this.hits.size;
  }
}
