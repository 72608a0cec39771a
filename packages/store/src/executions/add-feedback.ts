import type { ExecutionFeedback } from "@quire/core";
import { QuireError } from "@quire/core";
import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { translateDatabaseError } from "../registry/database-errors.js";
import { feedbackColumns, toFeedback } from "./execution-row.js";
import type { NewFeedback } from "./execution-store.js";
import type { ExecutionTables } from "./execution-tables.js";

type Database = Kysely<StoreSchema & ExecutionTables>;

/**
 * Records feedback on an execution, in one statement that finds the execution (and its
 * partition key) and inserts only if it exists. NOT_FOUND otherwise.
 */
export async function addFeedback(
  database: Database,
  executionId: string,
  feedback: NewFeedback,
): Promise<ExecutionFeedback> {
  let row: Parameters<typeof toFeedback>[0] | undefined;
  try {
    row = await database
      .insertInto("execution_feedback")
      .columns(["execution_id", "execution_created_at", "score", "comment", "author"])
      .expression((expression) =>
        expression
          .selectFrom("executions")
          .select([
            "id",
            "created_at",
            sql<number>`${feedback.score}::double precision`.as("score"),
            sql<string>`${feedback.comment}::text`.as("comment"),
            sql<string>`${feedback.author}::text`.as("author"),
          ])
          .where("id", "=", executionId)
          .limit(1),
      )
      .returning(feedbackColumns)
      .executeTakeFirst();
  } catch (error) {
    throw translateDatabaseError(error);
  }
  if (row === undefined) {
    throw new QuireError(
      "NOT_FOUND",
      `Execution ${JSON.stringify(executionId)} does not exist: use the id returned when the execution was logged (POST /v1/executions answers with it), or find it with GET /v1/executions.`,
      { details: { execution: executionId } },
    );
  }
  return toFeedback(row);
}
