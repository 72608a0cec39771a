import type { Kysely } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import type { PromptStore } from "../prompt-store.js";
import type { Store } from "../store.js";
import { startPartitionMaintenance } from "./execution-partitions.js";
import { createKyselyExecutionStore } from "./kysely-execution-store.js";

/**
 * Adds the execution log to an open registry store on the same database: checks the coming
 * months' partitions now and twice a day, and stops that before the database closes.
 */
export async function withExecutionStore(
  promptStore: PromptStore,
  database: Kysely<StoreSchema>,
): Promise<Omit<Store, "responseCache" | "access" | "evaluation" | "idempotency" | "rateLimits">> {
  const executions = createKyselyExecutionStore(database);
  try {
    await executions.ensurePartitions();
  } catch (error) {
    await promptStore.close().catch(() => undefined);
    throw error;
  }
  const stopMaintenance = startPartitionMaintenance(() => executions.ensurePartitions());
  return {
    ...promptStore,
    executions,
    close: () => {
      stopMaintenance();
      return promptStore.close();
    },
  };
}
