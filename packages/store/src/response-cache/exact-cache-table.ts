import { QuireError } from "@quire/core";
import { sql } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import { toIsoTimeOrNull } from "../registry/row-mapping.js";
import {
  cacheTime,
  counterOf,
  millisecondsOf,
  optionalCacheTime,
  resultJson,
  resultOf,
} from "./cache-row-values.js";
import { EntryHitBuffer } from "./entry-hit-buffer.js";
import { KnownKeys } from "./known-keys.js";
import { PendingCacheWrites } from "./pending-cache-writes.js";
import { RecentEntries } from "./recent-entries.js";
import type {
  CacheEntryFilter,
  ExactCacheStore,
  StoredCachedResponse,
} from "./response-cache-storage.js";
import type { ResponseCacheDatabase } from "./response-cache-tables.js";

const maximumKeyLength = 512;

function checkedKey(key: string): string {
  if (typeof key !== "string" || key.length === 0 || key.length > maximumKeyLength) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid response cache key ${JSON.stringify(String(key).slice(0, 80))}: give the cache's hash (1 to ${maximumKeyLength} characters).`,
      { details: { field: "key" } },
    );
  }
  return key;
}

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
}

interface EntryRow {
  key: string;
  value: string;
  model: string;
  prompt: string | null;
  created_at: Date;
  expires_at: Date | null;
}

/** Past this many keys the one-writer key set is reloaded; a table this big turns it off. */
const maximumKnownKeys = 200_000;

/**
 * The exact cache in `response_cache_entries`: a primary-key read per lookup (expired rows are
 * not returned), an upsert per answer kept, and per-row hit counts gathered in memory and added
 * by `flushHits` in one statement. With `recentEntries` (one writer only), hits on recent entries
 * need no query, and neither do lookups of keys never written (the process keeps the table's
 * keys). Answers are upserted in batches.
 */
export class ExactCacheTable implements ExactCacheStore {
  private readonly hits: EntryHitBuffer;
  private readonly onHitBufferFull: () => void;
  private readonly recent: RecentEntries | undefined;
  private readonly known: KnownKeys | undefined;
  private readonly writes: PendingCacheWrites<EntryRow>;

  constructor(
    private readonly database: ResponseCacheDatabase,
    private readonly now: () => number,
    options: ExactCacheTableOptions = {},
  ) {
    this.hits = new EntryHitBuffer(options.maxPendingHitKeys);
    this.onHitBufferFull = options.onHitBufferFull ?? (() => {});
    const recentEntries = options.recentEntries ?? 0;
    this.recent = recentEntries > 0 ? new RecentEntries(recentEntries) : undefined;
    this.known =
      recentEntries > 0
        ? new KnownKeys((limit) => this.listKeys(limit), maximumKnownKeys)
        : undefined;
    this.writes = new PendingCacheWrites((rows) => this.upsert(rows), {
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
    const row: EntryRow = {
      key: checkedKey(key),
      value: resultJson(entry.result),
      model: entry.modelId,
      prompt: entry.prompt ?? null,
      created_at: cacheTime(entry.createdAt, "createdAt"),
      expires_at: optionalCacheTime(entry.expiresAt, "expiresAt"),
    };
    this.known?.add(key);
    try {
      await this.writes.add(row);
    } catch (error) {
      // The row may or may not have changed: forget what is kept, so the table is read again.
      this.recent?.dropped(key);
      throw translateDatabaseError(error);
    }
    this.recent?.written(key, { ...entry });
  }

  /** Writes the answers waiting for their batch now (before a delete, at shutdown). */
  flushWrites(): Promise<void> {
    return this.writes.flush();
  }

  private async upsert(rows: EntryRow[]): Promise<void> {
    await this.database
      .insertInto("response_cache_entries")
      .values(rows)
      .onConflict((conflict) =>
        conflict.column("key").doUpdateSet((update) => ({
          value: update.ref("excluded.value"),
          model: update.ref("excluded.model"),
          prompt: update.ref("excluded.prompt"),
          created_at: update.ref("excluded.created_at"),
          expires_at: update.ref("excluded.expires_at"),
          hits: 0,
          last_hit_at: null,
        })),
      )
      .execute();
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
    let query = this.database.deleteFrom("response_cache_entries");
    if (filter.prompt !== undefined) query = query.where("prompt", "=", filter.prompt);
    if (filter.modelId !== undefined) query = query.where("model", "=", filter.modelId);
    try {
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    } catch (error) {
      throw translateDatabaseError(error);
    } finally {
      this.recent?.deleted(filter);
    }
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

  /** Hits counted but not yet written. */
  get pendingHitKeys(): number {
    return this.hits.size;
  }
}
