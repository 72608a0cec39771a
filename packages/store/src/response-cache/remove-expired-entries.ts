import { sql } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import type { ResponseCacheDatabase } from "./response-cache-tables.js";

const emptySql = sql``;

export const expiredBatchSize = 1_000;
export const defaultMaxExpiredRowsPerRun = 10_000;

/**
 * Deletes expired rows of both cache tables, oldest expiry first, in batches of 1,000 until a
 * batch comes back short or `maxRows` were deleted, so one run's work is bounded however much
 * expired. Rows another server is deleting at the same moment are skipped (SKIP LOCKED).
 * With `onExactKeysRemoved`, the exact cache's deleted keys are returned and handed to it.
 */
export async function removeExpiredEntries(
  database: ResponseCacheDatabase,
  now: Date,
  maxRows: number = defaultMaxExpiredRowsPerRun,
  /** Told the keys of each batch of exact-cache rows deleted (PostgreSQL: to notify them). */
  onExactKeysRemoved?: (keys: string[]) => Promise<void>,
): Promise<number> {
  let removed = 0;
  for (const table of ["response_cache_entries", "semantic_cache_entries"] as const) {
    const key = sql.raw(table === "response_cache_entries" ? "key" : "id");
    const returning =
      table === "response_cache_entries" && onExactKeysRemoved !== undefined
        ? sql`RETURNING key`
        : emptySql;
    while (removed < maxRows) {
      const limit = Math.min(expiredBatchSize, maxRows - removed);
      let deleted: number;
      try {
        const result = await sql`
          DELETE FROM ${sql.table(table)} WHERE ${key} IN (
            SELECT ${key} FROM ${sql.table(table)}
            WHERE expires_at IS NOT NULL AND expires_at <= ${now}
            ORDER BY expires_at LIMIT ${limit}
            FOR UPDATE SKIP LOCKED)
          ${returning}`.execute(database);
        deleted = Number(result.numAffectedRows ?? result.rows.length);
        if (returning !== emptySql) {
          await onExactKeysRemoved?.(result.rows.map((row) => (row as { key: string }).key));
        }
      } catch (error) {
        throw translateDatabaseError(error);
      }
      removed += deleted;
      if (deleted < limit) break;
    }
  }
  return removed;
}
