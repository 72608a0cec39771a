import type { Kysely } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { createDatasetMethods } from "./dataset-store.js";
import { createEvalRunMethods } from "./eval-run-store.js";
import type { EvaluationStore } from "./evaluation-store.js";
import type { EvaluationTables } from "./evaluation-tables.js";

/** The one EvaluationStore: kysely over PGlite or PostgreSQL (migration 0008). */
export function createEvaluationStore(storeDatabase: Kysely<StoreSchema>): EvaluationStore {
  const database =
    storeDatabase.withTables<EvaluationTables>() as unknown as Kysely<EvaluationTables>;
  return { ...createDatasetMethods(database), ...createEvalRunMethods(database) };
}
