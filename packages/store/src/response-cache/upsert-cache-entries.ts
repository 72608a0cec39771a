import { sql } from "kysely";
import { cacheKeysChannel, encodeCacheKeysEvent } from "./cache-keys-payload.js";
import { keyFingerprint } from "./key-fingerprint.js";
import type { ResponseCacheDatabase } from "./response-cache-tables.js";

export interface CacheEntryRow {
  key: string;
  value: string;
  model: string;
  prompt: string | null;
  created_at: Date;
  expires_at: Date | null;
}

/**
 * Writes `rows` in one upsert (a replaced row's hit count starts again at 0). With `announce`
 * (PostgreSQL, several servers), the same statement notifies the rows' key fingerprints on the
 * cache-keys channel, so other servers learn the keys once the rows are committed, in one round
 * trip.
 */
export async function upsertCacheEntries(
  database: ResponseCacheDatabase,
  rows: readonly CacheEntryRow[],
  announce: boolean,
): Promise<void> {
  const upsert = database
    .insertInto("response_cache_entries")
    .values([...rows])
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
    );
  if (!announce) {
    await upsert.execute();
    return;
  }
  const payloads = encodeCacheKeysEvent({
    kind: "added",
    fingerprints: rows.map((row) => keyFingerprint(row.key)),
  });
  // A data-modifying WITH runs whether or not the outer query reads it.
  await sql`WITH written AS (${upsert.returning("key")})
    SELECT pg_notify(${cacheKeysChannel}, payload)
    FROM unnest(${payloads}::text[]) AS payload`.execute(database);
}
