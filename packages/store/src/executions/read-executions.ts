import type { Execution, ExecutionWithFeedback } from "@quire/core";
import { QuireError } from "@quire/core";
import type { Kysely } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import type { Page } from "../prompt-store.js";
import { translateDatabaseError } from "../registry/database-errors.js";
import { checkPageSize } from "../registry/page-cursor.js";
import { decodeExecutionCursor, encodeExecutionCursor } from "./execution-cursor.js";
import {
  executionColumns,
  executionColumnsWithoutContent,
  feedbackColumns,
  toExecution,
  toFeedback,
} from "./execution-row.js";
import { defaultProject, type ExecutionListQuery } from "./execution-store.js";
import type { ExecutionTables } from "./execution-tables.js";

type Database = Kysely<StoreSchema & ExecutionTables>;

function timeFilter(field: "from" | "to", value: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid ${field} ${JSON.stringify(value)}: give an ISO 8601 time such as 2026-11-21T12:00:00Z.`,
      { details: { field, value } },
    );
  }
  return time;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listExecutions(
  database: Database,
  query: ExecutionListQuery,
): Promise<Page<Execution>> {
  const limit = checkPageSize(query.limit);
  if (query.version !== undefined && query.prompt === undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `The version filter (${query.version}) needs a prompt filter: versions are numbered per prompt. Add prompt=NAME.`,
      { details: { field: "version", version: query.version } },
    );
  }
  // Without content, variables and output are not read at all (they may be 64 KB each per row).
  const columns = query.content === false ? executionColumnsWithoutContent : executionColumns;
  let select = database
    .selectFrom("executions")
    .select(columns)
    .where("project_id", "=", query.project ?? defaultProject);
  if (query.prompt !== undefined) select = select.where("prompt_name", "=", query.prompt);
  if (query.version !== undefined) select = select.where("prompt_version", "=", query.version);
  if (query.model !== undefined) select = select.where("model", "=", query.model);
  if (query.success !== undefined) select = select.where("success", "=", query.success);
  if (query.from !== undefined)
    select = select.where("created_at", ">=", timeFilter("from", query.from));
  if (query.to !== undefined) select = select.where("created_at", "<", timeFilter("to", query.to));
  if (query.cursor !== undefined) {
    const after = decodeExecutionCursor(query.cursor);
    select = select.where((expression) =>
      expression(
        expression.refTuple("created_at", "id"),
        "<",
        expression.tuple(after.createdAt, after.id),
      ),
    );
  }
  let rows: Awaited<ReturnType<typeof select.execute>>;
  try {
    rows = await select
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
  } catch (error) {
    throw translateDatabaseError(error);
  }
  // A row read without content has no variables or output: they answer null.
  const items = rows
    .slice(0, limit)
    .map((row) =>
      toExecution({ ...row, variables: row.variables ?? null, output: row.output ?? null }),
    );
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeExecutionCursor(last.createdAt, last.id)
      : null;
  return { items, nextCursor };
}

/** The execution with its feedback, oldest first. */
export async function getExecution(
  database: Database,
  id: string,
): Promise<ExecutionWithFeedback | undefined> {
  try {
    const row = await database
      .selectFrom("executions")
      .select(executionColumns)
      .where("id", "=", id)
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const feedback = await database
      .selectFrom("execution_feedback")
      .select(feedbackColumns)
      .where("execution_id", "=", id)
      .orderBy("id")
      .execute();
    return { ...toExecution(row), feedback: feedback.map(toFeedback) };
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
