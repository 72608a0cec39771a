import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { translateDatabaseError } from "../registry/database-errors.js";
import type { RateLimitStore } from "./rate-limit-store.js";

/** Migration 0012's table, as kysely sees it. */
type RateLimitTables = {
  rate_limit_counters: {
    key: string;
    window_start: Date;
    count: number;
    expires_at: Date;
  };
};

export function createRateLimitStore(
  storeDatabase: Kysely<StoreSchema>,
  kind: RateLimitStore["kind"],
): RateLimitStore {
  const database = storeDatabase.withTables<RateLimitTables>();
  const guarded = async <Result>(work: () => Promise<Result>): Promise<Result> => {
    try {
      return await work();
    } catch (error) {
      throw translateDatabaseError(error);
    }
  };
  return {
    kind,
    increment: (key, window, amount = 1) =>
      guarded(async () => {
        // One statement: concurrent servers add to the same row, each reading the sum back.
        const row = await sql<{ count: number }>`
          INSERT INTO rate_limit_counters AS counter (key, window_start, count, expires_at)
          VALUES (${key}, ${window.start}, ${amount}, ${window.end})
          ON CONFLICT (key, window_start) DO UPDATE SET count = counter.count + ${amount}
          RETURNING counter.count`.execute(database);
        return Number(row.rows[0]?.count ?? amount);
      }),
    count: (key, window) =>
      guarded(async () => {
        const row = await database
          .selectFrom("rate_limit_counters")
          .select("count")
          .where("key", "=", key)
          .where("window_start", "=", window.start)
          .executeTakeFirst();
        return row?.count ?? 0;
      }),
    reset: (key) =>
      guarded(async () => {
        await database.deleteFrom("rate_limit_counters").where("key", "=", key).execute();
      }),
    sweep: (now = new Date()) =>
      guarded(async () => {
        const result = await database
          .deleteFrom("rate_limit_counters")
          .where("expires_at", "<", now)
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}
