import { QuireError, type TestCase } from "@quire/core";
import { type Kysely, sql, type Transaction } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import {
  checkPageSize,
  decodeNumberCursor,
  decodeTextCursor,
  toPage,
} from "../registry/page-cursor.js";
import { caseValues, toDatasetRecord, toStoredCase } from "./evaluation-rows.js";
import type { EvaluationStore } from "./evaluation-store.js";
import type { EvaluationTables } from "./evaluation-tables.js";

type Database = Kysely<EvaluationTables>;
/** The dataset half of the evaluation store (the runs are in eval-run-store.ts). */
export type DatasetMethods = Pick<
  EvaluationStore,
  | "createDataset"
  | "getDataset"
  | "listDatasets"
  | "updateDataset"
  | "deleteDataset"
  | "listCases"
  | "allCases"
  | "addCases"
  | "replaceCases"
  | "deleteCase"
>;

/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters; a case row uses 7). */
const casesPerStatement = 1_000;

function datasetQuery(database: Database | Transaction<EvaluationTables>, projectId: string) {
  return database
    .selectFrom("datasets")
    .select((select) => [
      "datasets.id",
      "datasets.name",
      "datasets.description",
      "datasets.created_by",
      "datasets.created_at",
      "datasets.updated_at",
      select
        .selectFrom("dataset_cases")
        .select(sql<string>`count(*)`.as("count"))
        .whereRef("dataset_cases.dataset_id", "=", "datasets.id")
        .as("case_count"),
    ])
    .where("datasets.project_id", "=", projectId);
}

function notFound(name: string): QuireError {
  return new QuireError(
    "NOT_FOUND",
    `No dataset named "${name}": list them with GET /v1/datasets, or create it with POST /v1/datasets.`,
    { details: { dataset: name } },
  );
}

/** Refuses a batch whose case ids repeat, naming the first repeated id and where. */
function checkUniqueIds(cases: readonly TestCase[], existing: ReadonlySet<string>): void {
  const seen = new Set<string>();
  cases.forEach((testCase, index) => {
    if (existing.has(testCase.id) || seen.has(testCase.id)) {
      throw new QuireError(
        "CONFLICT",
        `Case id "${testCase.id}" (cases[${index}]) is already in the dataset${existing.has(testCase.id) ? "" : " (earlier in this request)"}: case ids are unique per dataset; give it another id, or replace the cases with PUT.`,
        { details: { caseId: testCase.id, index } },
      );
    }
    seen.add(testCase.id);
  });
}

async function insertCases(
  transaction: Transaction<EvaluationTables>,
  datasetId: string | number,
  cases: readonly TestCase[],
  firstPosition: number,
) {
  const stored = [];
  for (let start = 0; start < cases.length; start += casesPerStatement) {
    const chunk = cases.slice(start, start + casesPerStatement);
    const rows = await transaction
      .insertInto("dataset_cases")
      .values(
        chunk.map((testCase, index) =>
          caseValues(datasetId, testCase, firstPosition + start + index),
        ),
      )
      .returningAll()
      .execute();
    stored.push(...rows.map(toStoredCase));
  }
  return stored.sort((left, right) => left.position - right.position);
}

async function lockedDatasetId(
  transaction: Transaction<EvaluationTables>,
  projectId: string,
  name: string,
): Promise<string | number> {
  const row = await transaction
    .selectFrom("datasets")
    .select("id")
    .where("project_id", "=", projectId)
    .where("name", "=", name)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) throw notFound(name);
  return String(row.id);
}

async function inTransaction<Result>(
  database: Database,
  work: (transaction: Transaction<EvaluationTables>) => Promise<Result>,
): Promise<Result> {
  try {
    return await database.transaction().execute(work);
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

export function createDatasetMethods(database: Database): DatasetMethods {
  const getDataset: DatasetMethods["getDataset"] = async (projectId, name) => {
    const row = await datasetQuery(database, projectId)
      .where("datasets.name", "=", name)
      .executeTakeFirst();
    return row === undefined ? undefined : toDatasetRecord(row);
  };
  const existingDataset = async (projectId: string, name: string) => {
    const dataset = await getDataset(projectId, name);
    if (dataset === undefined) throw notFound(name);
    return dataset;
  };
  const allCases: DatasetMethods["allCases"] = async (projectId, name) => {
    const rows = await database
      .selectFrom("dataset_cases")
      .innerJoin("datasets", "datasets.id", "dataset_cases.dataset_id")
      .selectAll("dataset_cases")
      .where("datasets.project_id", "=", projectId)
      .where("datasets.name", "=", name)
      .orderBy("dataset_cases.position")
      .execute();
    if (rows.length === 0) await existingDataset(projectId, name);
    return rows.map(toStoredCase);
  };

  return {
    getDataset,
    allCases,
    createDataset: async (projectId, dataset) => {
      const cases = dataset.cases ?? [];
      checkUniqueIds(cases, new Set());
      await inTransaction(database, async (transaction) => {
        const row = await transaction
          .insertInto("datasets")
          .values({
            project_id: projectId,
            name: dataset.name,
            description: dataset.description ?? "",
            created_by: dataset.createdBy,
          })
          .onConflict((conflict) => conflict.columns(["project_id", "name"]).doNothing())
          .returning("id")
          .executeTakeFirst();
        if (row === undefined) {
          throw new QuireError(
            "CONFLICT",
            `A dataset named "${dataset.name}" already exists: choose another name, or add cases to it with POST /v1/datasets/{name}/cases.`,
            { details: { dataset: dataset.name } },
          );
        }
        if (cases.length > 0) await insertCases(transaction, String(row.id), cases, 1);
      });
      return existingDataset(projectId, dataset.name);
    },
    listDatasets: async (projectId, page) => {
      const limit = checkPageSize(page.limit);
      let query = datasetQuery(database, projectId);
      if (page.cursor !== undefined) {
        query = query.where("datasets.name", ">", decodeTextCursor(page.cursor));
      }
      const rows = await query
        .orderBy("datasets.name")
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, toDatasetRecord, (row) => row.name);
    },
    updateDataset: async (projectId, name, change) => {
      const updated = await database
        .updateTable("datasets")
        .set({ description: change.description, updated_at: new Date() })
        .where("project_id", "=", projectId)
        .where("name", "=", name)
        .executeTakeFirst()
        .catch((error: unknown) => {
          throw translateDatabaseError(error);
        });
      if (updated.numUpdatedRows === 0n) throw notFound(name);
      return existingDataset(projectId, name);
    },
    deleteDataset: async (projectId, name) => {
      const deleted = await database
        .deleteFrom("datasets")
        .where("project_id", "=", projectId)
        .where("name", "=", name)
        .executeTakeFirst();
      return deleted.numDeletedRows > 0n;
    },
    listCases: async (projectId, name, page) => {
      const limit = checkPageSize(page.limit);
      await existingDataset(projectId, name);
      let query = database
        .selectFrom("dataset_cases")
        .innerJoin("datasets", "datasets.id", "dataset_cases.dataset_id")
        .selectAll("dataset_cases")
        .where("datasets.project_id", "=", projectId)
        .where("datasets.name", "=", name);
      if (page.cursor !== undefined) {
        query = query.where("dataset_cases.position", ">", decodeNumberCursor(page.cursor));
      }
      const rows = await query
        .orderBy("dataset_cases.position")
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, toStoredCase, (row) => row.position);
    },
    addCases: (projectId, name, cases) =>
      inTransaction(database, async (transaction) => {
        const datasetId = await lockedDatasetId(transaction, projectId, name);
        const existing = await transaction
          .selectFrom("dataset_cases")
          .select(["case_id", "position"])
          .where("dataset_id", "=", datasetId)
          .execute();
        checkUniqueIds(cases, new Set(existing.map((row) => row.case_id)));
        const last = existing.reduce((highest, row) => Math.max(highest, row.position), 0);
        const stored = await insertCases(transaction, datasetId, cases, last + 1);
        await touch(transaction, datasetId);
        return stored;
      }),
    replaceCases: (projectId, name, cases) =>
      inTransaction(database, async (transaction) => {
        const datasetId = await lockedDatasetId(transaction, projectId, name);
        checkUniqueIds(cases, new Set());
        await transaction.deleteFrom("dataset_cases").where("dataset_id", "=", datasetId).execute();
        const stored = await insertCases(transaction, datasetId, cases, 1);
        await touch(transaction, datasetId);
        return stored;
      }),
    deleteCase: (projectId, name, caseId) =>
      inTransaction(database, async (transaction) => {
        const datasetId = await lockedDatasetId(transaction, projectId, name);
        const deleted = await transaction
          .deleteFrom("dataset_cases")
          .where("dataset_id", "=", datasetId)
          .where("case_id", "=", caseId)
          .executeTakeFirst();
        if (deleted.numDeletedRows === 0n) return false;
        await touch(transaction, datasetId);
        return true;
      }),
  };
}

async function touch(transaction: Transaction<EvaluationTables>, datasetId: string | number) {
  await transaction
    .updateTable("datasets")
    .set({ updated_at: new Date() })
    .where("id", "=", datasetId)
    .execute();
}
