import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { translateDatabaseError } from "../registry/database-errors.js";

/** Months of partitions kept ready ahead of the current one. */
export const defaultMonthsAhead = 3;
/** How often an open store checks that the coming months have their partitions. */
export const partitionCheckIntervalMs = 12 * 60 * 60 * 1_000;

/** Creates the missing monthly partitions (migration 0003's function); returns how many. */
export async function ensureExecutionPartitions(
  database: Kysely<StoreSchema>,
  monthsAhead = defaultMonthsAhead,
): Promise<number> {
  try {
    const { rows } = await sql<{ created: number }>`
      SELECT quire_ensure_execution_partitions(${monthsAhead}::integer) AS created`.execute(
      database,
    );
    return rows[0]?.created ?? 0;
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/**
 * Runs `ensure` every `intervalMs` until stopped (the timer does not keep the process alive).
 * A failed check is retried at the next interval; rows meanwhile land in the default partition,
 * so no insert fails.
 */
export function startPartitionMaintenance(
  ensure: () => Promise<number>,
  intervalMs = partitionCheckIntervalMs,
): () => void {
  const timer = setInterval(() => {
    ensure().catch(() => {
      // Retried at the next interval; inserts meanwhile go to the default partition.
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
