import { QuireError } from "@quire/core";
import { sql } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import { toIsoTime } from "../registry/row-mapping.js";
import { counterOf } from "./cache-row-values.js";
import type { CacheStatisticsIncrement, StoredCacheStatistics } from "./response-cache-storage.js";
import type { ResponseCacheDatabase } from "./response-cache-tables.js";

/** The counters of an increment, in column order. */
const counters = [
  ["hits", "hits"],
  ["misses", "misses"],
  ["semanticHits", "semantic_hits"],
  ["semanticMisses", "semantic_misses"],
  ["skipped", "skipped"],
  ["savedInputTokens", "saved_input_tokens"],
  ["savedOutputTokens", "saved_output_tokens"],
  ["savedCostUsd", "saved_cost_usd"],
  ["unpricedHits", "unpriced_hits"],
] as const satisfies ReadonlyArray<readonly [keyof CacheStatisticsIncrement, string]>;

/** The statistics table keys calls without a prompt under '' (prompt names are never empty). */
const noPrompt = "";

function checked(increment: CacheStatisticsIncrement, index: number): void {
  for (const [field] of counters) {
    const value = increment[field];
    const whole = field !== "savedCostUsd";
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      value < 0 ||
      (whole && !Number.isInteger(value))
    ) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `Cache statistics increment ${index} has ${field} = ${String(value)}: counts are whole numbers of zero or more, and savedCostUsd a finite number of zero or more.`,
        { details: { index, field } },
      );
    }
  }
}

/** Sums increments of the same prompt (one row may be updated once per statement), sorted. */
function merged(increments: readonly CacheStatisticsIncrement[]): CacheStatisticsIncrement[] {
  const byPrompt = new Map<string, CacheStatisticsIncrement>();
  increments.forEach((increment, index) => {
    checked(increment, index);
    const key = increment.prompt ?? noPrompt;
    const sum = byPrompt.get(key);
    if (sum === undefined) byPrompt.set(key, { ...increment, prompt: key });
    else for (const [field] of counters) sum[field] += increment[field];
  });
  // Rows locked in one order by every server: concurrent flushes cannot deadlock.
  return [...byPrompt.values()].sort((left, right) =>
    (left.prompt ?? "") < (right.prompt ?? "") ? -1 : 1,
  );
}

/**
 * Adds counts to each prompt's row in one statement (`INSERT … ON CONFLICT DO UPDATE` adding
 * to the stored counts), so servers sharing the database sum up without losing increments.
 */
export async function addCacheStatistics(
  database: ResponseCacheDatabase,
  increments: readonly CacheStatisticsIncrement[],
): Promise<void> {
  const rows = merged(increments);
  if (rows.length === 0) return;
  const columns = sql.raw(counters.map(([, column]) => column).join(", "));
  const types = sql.raw(
    counters
      .map(
        ([, column]) => `${column} ${column === "saved_cost_usd" ? "double precision" : "bigint"}`,
      )
      .join(", "),
  );
  const updates = sql.raw(
    counters
      .map(([, column]) => `${column} = response_cache_statistics.${column} + excluded.${column}`)
      .join(", "),
  );
  const batch = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries([
        ["prompt", row.prompt],
        ...counters.map(([field, column]) => [column, row[field]]),
      ]),
    ),
  );
  try {
    await sql`
      INSERT INTO response_cache_statistics (prompt, ${columns}, updated_at)
      SELECT prompt, ${columns}, now()
      FROM json_to_recordset(${batch}::json) AS batch(prompt text, ${types})
      ORDER BY prompt
      ON CONFLICT (prompt) DO UPDATE SET ${updates}, updated_at = excluded.updated_at`.execute(
      database,
    );
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

export async function readCacheStatistics(
  database: ResponseCacheDatabase,
  filter: { prompt?: string | undefined } = {},
): Promise<StoredCacheStatistics[]> {
  let query = database.selectFrom("response_cache_statistics").selectAll().orderBy("prompt");
  if (filter.prompt !== undefined) query = query.where("prompt", "=", filter.prompt);
  try {
    const rows = await query.execute();
    return rows.map((row) => ({
      prompt: row.prompt === noPrompt ? undefined : row.prompt,
      hits: counterOf(row.hits),
      misses: counterOf(row.misses),
      semanticHits: counterOf(row.semantic_hits),
      semanticMisses: counterOf(row.semantic_misses),
      skipped: counterOf(row.skipped),
      savedInputTokens: counterOf(row.saved_input_tokens),
      savedOutputTokens: counterOf(row.saved_output_tokens),
      savedCostUsd: Number(row.saved_cost_usd),
      unpricedHits: counterOf(row.unpriced_hits),
      updatedAt: toIsoTime(row.updated_at),
    }));
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
