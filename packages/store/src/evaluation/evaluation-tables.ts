import type { ColumnType, Generated } from "kysely";

type Json<Value> = ColumnType<Value, string, string>;
type NullableJson<Value> = ColumnType<Value | null, string | null | undefined, string | null>;
type NullableTime = ColumnType<Date | null, Date | null | undefined, Date | null>;
type Timestamp = ColumnType<Date, Date | undefined, Date>;
/** `bigint` identity: read as a string by `pg`, as a number by PGlite. */
type BigIdentity = ColumnType<string | number | bigint, never, never>;

/** The evaluation tables (migration 0008), for kysely's `withTables`. */
export interface DatasetsTable {
  id: BigIdentity;
  project_id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DatasetCasesTable {
  dataset_id: ColumnType<string | number | bigint, string | number, string | number>;
  case_id: string;
  position: number;
  variables: Json<Record<string, unknown>>;
  expected: NullableJson<unknown>;
  metadata: Json<Record<string, unknown>>;
  assertions: Json<unknown[]>;
  created_at: Timestamp;
}

export interface EvalRunsTable {
  id: string;
  project_id: string;
  status: string;
  plan: Json<Record<string, unknown>>;
  cases: Json<unknown[]>;
  total: number;
  done: Generated<number>;
  passed: Generated<number>;
  failed: Generated<number>;
  errored: Generated<number>;
  summaries: NullableJson<unknown[]>;
  error: NullableJson<Record<string, unknown>>;
  created_by: string;
  created_at: Timestamp;
  started_at: NullableTime;
  finished_at: NullableTime;
  lease_owner: ColumnType<string | null, string | null | undefined, string | null>;
  lease_expires_at: NullableTime;
}

export interface EvalResultsTable {
  run_id: string;
  cell_key: string;
  prompt_id: string;
  model_id: string;
  case_id: string;
  repeat_index: number;
  position: BigIdentity;
  status: string;
  output: string;
  score: number;
  assertions: Json<unknown[]>;
  latency_ms: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  /** `numeric`: read as a string by `pg`, as a number by PGlite. */
  cost: ColumnType<string | number | null, number | null, number | null>;
  cache_hit: boolean;
  error: NullableJson<Record<string, unknown>>;
  provenance: NullableJson<unknown>;
  finished_at: ColumnType<Date, Date, Date>;
}

/** A type rather than an interface: `withTables` needs an index signature. */
export type EvaluationTables = {
  datasets: DatasetsTable;
  dataset_cases: DatasetCasesTable;
  eval_runs: EvalRunsTable;
  eval_results: EvalResultsTable;
};
