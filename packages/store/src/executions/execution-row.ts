import type { Execution, ExecutionFeedback } from "@quire/core";
import type { Selectable } from "kysely";
import { toIsoTime } from "../registry/row-mapping.js";
import type { ExecutionFeedbackTable, ExecutionsTable } from "./execution-tables.js";

export type ExecutionRow = Selectable<ExecutionsTable>;

export const executionColumns = [
  "id",
  "client_id",
  "prompt_name",
  "prompt_version",
  "label",
  "component_versions",
  "model",
  "provider",
  "input_tokens",
  "output_tokens",
  "cached_tokens",
  "latency_ms",
  "time_to_first_token_ms",
  "cost",
  "cost_estimated",
  "success",
  "error_class",
  "cache_hit",
  "context_signature",
  "end_user_id",
  "session_id",
  "metadata",
  "variables",
  "output",
  "content_truncated",
  "created_at",
] as const;

/** The columns of a listing without content: `variables` and `output` left out. */
export const executionColumnsWithoutContent = executionColumns.filter(
  (column): column is Exclude<(typeof executionColumns)[number], "variables" | "output"> =>
    column !== "variables" && column !== "output",
);

type SelectedRow = Pick<ExecutionRow, (typeof executionColumns)[number]>;

export function toExecution(row: SelectedRow): Execution {
  return {
    id: row.id,
    clientId: row.client_id,
    promptName: row.prompt_name,
    version: row.prompt_version,
    label: row.label,
    componentVersions: row.component_versions,
    model: row.model,
    provider: row.provider,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedTokens: row.cached_tokens,
    latencyMs: row.latency_ms,
    timeToFirstTokenMs: row.time_to_first_token_ms,
    cost: row.cost === null ? null : Number(row.cost),
    costEstimated: row.cost_estimated,
    success: row.success,
    errorClass: row.error_class,
    cacheHit: row.cache_hit,
    contextSignature: row.context_signature,
    endUserId: row.end_user_id,
    sessionId: row.session_id,
    metadata: row.metadata,
    variables: row.variables,
    output: row.output,
    contentTruncated: row.content_truncated,
    createdAt: toIsoTime(row.created_at),
  };
}

export type FeedbackRow = Pick<
  Selectable<ExecutionFeedbackTable>,
  "id" | "execution_id" | "score" | "comment" | "author" | "created_at"
>;

export const feedbackColumns = [
  "id",
  "execution_id",
  "score",
  "comment",
  "author",
  "created_at",
] as const satisfies ReadonlyArray<keyof ExecutionFeedbackTable>;

export function toFeedback(row: FeedbackRow): ExecutionFeedback {
  return {
    id: String(row.id),
    executionId: row.execution_id,
    score: row.score,
    comment: row.comment,
    author: row.author,
    createdAt: toIsoTime(row.created_at),
  };
}
