import type { Kysely } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { addFeedback } from "./add-feedback.js";
import { ensureExecutionPartitions } from "./execution-partitions.js";
import { defaultProject, type ExecutionStore } from "./execution-store.js";
import type { ExecutionTables } from "./execution-tables.js";
import { insertExecutions } from "./insert-executions.js";
import { getExecution, listExecutions } from "./read-executions.js";

/** The one ExecutionStore: kysely over PGlite or PostgreSQL. */
export function createKyselyExecutionStore(database: Kysely<StoreSchema>): ExecutionStore {
  const tables = database.withTables<ExecutionTables>();
  return {
    insertExecutions: (records, options) =>
      insertExecutions(database, records, options?.project ?? defaultProject),
    addFeedback: (executionId, feedback) => addFeedback(tables, executionId, feedback),
    listExecutions: (query) => listExecutions(tables, query),
    getExecution: (id) => getExecution(tables, id),
    ensurePartitions: (monthsAhead) => ensureExecutionPartitions(database, monthsAhead),
  };
}
