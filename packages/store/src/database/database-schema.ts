import type { ColumnType, Generated } from "kysely";

/** Times are `timestamptz`: read as Date, written as `now()`/`clock_timestamp()` or a Date. */
type Timestamp = ColumnType<Date, Date | undefined, Date>;

/** `jsonb` columns: read parsed, written as JSON text (Postgres infers `jsonb` from the column). */
type Json<Value> = ColumnType<Value, string, string>;

export interface PromptsTable {
  id: Generated<number>;
  name: string;
  description: string;
  tags: string[];
  type: string;
  engine: string;
  latest_version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VersionsTable {
  prompt_id: number;
  number: number;
  parent_number: number | null;
  type: string;
  engine: string;
  template: Json<unknown>;
  input_schema: Json<Record<string, unknown> | null> | null;
  output_schema: Json<Record<string, unknown> | null> | null;
  config: Json<Record<string, unknown>>;
  metadata: Json<Record<string, unknown>>;
  content_hash: string;
  message: string;
  author: string;
  created_at: Timestamp;
}

export interface LabelsTable {
  prompt_id: number;
  name: string;
  version: number;
  updated_at: Timestamp;
}

export interface LabelMovesTable {
  /** `bigint`: read as a string by `pg`, so always convert with `String()`. */
  id: ColumnType<string | number | bigint, never, never>;
  prompt_id: number;
  label: string;
  from_version: number | null;
  to_version: number;
  actor: string;
  reason: string;
  moved_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  scope: string;
  created_at: Timestamp;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface QuireMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface StoreSchema {
  prompts: PromptsTable;
  versions: VersionsTable;
  labels: LabelsTable;
  label_moves: LabelMovesTable;
  api_keys: ApiKeysTable;
  quire_migrations: QuireMigrationsTable;
}
