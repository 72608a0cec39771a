import type { ComponentVersion } from "@quire/core";
import type { ColumnType, Generated } from "kysely";

type Json<Value> = ColumnType<Value, string, string>;

/** The execution log's tables (migration 0003), for kysely's `withTables`. */
export interface ExecutionsTable {
  id: string;
  project_id: string;
  client_id: string | null;
  prompt_name: string;
  prompt_version: number | null;
  label: string | null;
  component_versions: Json<ComponentVersion[]>;
  model: string;
  provider: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  latency_ms: number | null;
  time_to_first_token_ms: number | null;
  /** `numeric`: read as a string by `pg`, as a number by PGlite. */
  cost: ColumnType<string | number | null, number | null, number | null>;
  cost_estimated: boolean;
  success: boolean;
  error_class: string | null;
  cache_hit: boolean;
  context_signature: string | null;
  end_user_id: string | null;
  session_id: string | null;
  metadata: Json<Record<string, unknown>>;
  /** Migration 0010: what the run was given and answered (capped; see cap-execution-content). */
  variables: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  output: string | null;
  content_truncated: Generated<boolean>;
  created_at: ColumnType<Date, Date, Date>;
}

export interface ExecutionClientIdsTable {
  project_id: string;
  client_id: string;
  execution_id: string;
  created_at: ColumnType<Date, Date, Date>;
}

export interface ExecutionFeedbackTable {
  /** `bigint`: read as a string by `pg`. */
  id: ColumnType<string | number | bigint, never, never>;
  execution_id: string;
  execution_created_at: ColumnType<Date, Date, Date>;
  score: number;
  comment: string;
  author: string;
  created_at: Generated<Date>;
}

/** A type rather than an interface: `withTables` needs an index signature. */
export type ExecutionTables = {
  executions: ExecutionsTable;
  execution_client_ids: ExecutionClientIdsTable;
  execution_feedback: ExecutionFeedbackTable;
};
