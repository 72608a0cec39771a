import { type ApiKeyScope, type Role, roleOfScope, scopeOfRole } from "@quire/core";
import { toIsoTime, toIsoTimeOrNull } from "../registry/row-mapping.js";
import type { AccessKeyRecord, ProjectRecord } from "./access-store.js";

export const keyColumns = [
  "id",
  "project_id",
  "name",
  "prefix",
  "scope",
  "role",
  "created_at",
  "created_by",
  "expires_at",
  "revoked_at",
  "last_used_at",
] as const;

export interface KeyRow {
  id: string;
  project_id: string;
  name: string;
  prefix: string;
  scope: string;
  role: string | null;
  created_at: Date;
  created_by: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** A key made with a scope only has the scope's role (read → viewer, write → editor). */
export function toAccessKeyRecord(row: KeyRow): AccessKeyRecord {
  const role = (row.role ?? roleOfScope(row.scope as ApiKeyScope)) as Role;
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    prefix: row.prefix,
    role,
    scope: scopeOfRole(role),
    createdAt: toIsoTime(row.created_at),
    createdBy: row.created_by,
    expiresAt: toIsoTimeOrNull(row.expires_at),
    revokedAt: toIsoTimeOrNull(row.revoked_at),
    lastUsedAt: toIsoTimeOrNull(row.last_used_at),
  };
}

export function toProjectRecord(row: {
  id: string;
  name: string;
  protected_labels: string[];
  two_person_rule: boolean;
  allow_javascript_assertions: boolean;
  created_at: Date;
}): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    protectedLabels: row.protected_labels,
    twoPersonRule: row.two_person_rule,
    allowJavaScriptAssertions: row.allow_javascript_assertions,
    createdAt: toIsoTime(row.created_at),
  };
}
