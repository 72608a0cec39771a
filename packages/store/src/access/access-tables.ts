import type { ColumnType, Generated } from "kysely";

/** Tables of migration 0005, as kysely sees them (added to the store schema with `withTables`). */
export type AccessTables = {
  projects: {
    id: string;
    name: string;
    protected_labels: ColumnType<string[], string[] | undefined, string[]>;
    two_person_rule: ColumnType<boolean, boolean | undefined, boolean>;
    /** Migration 0011. */
    allow_javascript_assertions: ColumnType<boolean, boolean | undefined, boolean>;
    created_at: ColumnType<Date, never, never>;
  };
  api_keys: {
    id: string;
    name: string;
    prefix: string;
    hash: string;
    scope: string;
    project_id: ColumnType<string, string | undefined, string>;
    role: string | null;
    expires_at: Date | null;
    created_by: string | null;
    created_at: ColumnType<Date, never, never>;
    revoked_at: ColumnType<Date | null, never, Date | null>;
    last_used_at: ColumnType<Date | null, never, Date | null>;
  };
  audit_entries: {
    id: Generated<string>;
    project_id: string;
    actor: string;
    action: string;
    target: string;
    before: unknown;
    after: unknown;
    created_at: ColumnType<Date, never, never>;
  };
};

/** Tables of migration 0006. */
export type UserTables = {
  users: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    created_at: ColumnType<Date, never, never>;
  };
  project_members: {
    project_id: string;
    user_id: string;
    role: string;
    created_at: ColumnType<Date, never, never>;
  };
  sessions: {
    hash: string;
    user_id: string;
    project_id: string;
    csrf_token: string;
    created_at: ColumnType<Date, never, never>;
    expires_at: Date;
  };
};

/** Table of migration 0007. */
export type ChangeRequestTables = {
  change_requests: {
    id: Generated<string>;
    project_id: string;
    prompt: string;
    label: string;
    from_version: number | null;
    to_version: number;
    reason: string;
    author: string;
    status: ColumnType<string, string | undefined, string>;
    decided_by: string | null;
    created_at: ColumnType<Date, never, never>;
    decided_at: Date | null;
  };
};
