import type {
  EngineName,
  LabelMove,
  Prompt,
  PromptTemplate,
  PromptType,
  Version,
} from "@quire/core";
import type { ApiKeyRecord } from "../prompt-store.js";

/** Times leave the store as ISO 8601 strings in UTC. */
export function toIsoTime(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toIsoTimeOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIsoTime(value);
}

export interface PromptRow {
  id: number;
  name: string;
  description: string;
  tags: string[];
  type: string;
  engine: string;
  latest_version: number;
  created_at: Date;
  updated_at: Date;
  labels: Record<string, number>;
}

export function toPrompt(row: PromptRow): Prompt {
  return {
    name: row.name,
    description: row.description,
    tags: row.tags,
    // The store writes only values that passed these enums on the way in.
    type: row.type as PromptType,
    engine: row.engine as EngineName,
    latestVersion: row.latest_version,
    labels: row.labels,
    createdAt: toIsoTime(row.created_at),
    updatedAt: toIsoTime(row.updated_at),
  };
}

export interface VersionRow {
  prompt: string;
  number: number;
  parent_number: number | null;
  type: string;
  engine: string;
  template: unknown;
  input_schema: Record<string, unknown> | null;
  output_schema: Record<string, unknown> | null;
  config: Record<string, unknown>;
  metadata: Record<string, unknown>;
  content_hash: string;
  message: string;
  author: string;
  created_at: Date;
  labels: string[];
}

export function toVersion(row: VersionRow): Version {
  return {
    prompt: row.prompt,
    number: row.number,
    parentNumber: row.parent_number,
    type: row.type as PromptType,
    engine: row.engine as EngineName,
    template: row.template as PromptTemplate,
    inputSchema: row.input_schema,
    outputSchema: row.output_schema,
    config: row.config,
    metadata: row.metadata,
    contentHash: row.content_hash,
    message: row.message,
    author: row.author,
    createdAt: toIsoTime(row.created_at),
    labels: row.labels,
  };
}

export interface LabelMoveRow {
  id: string | number | bigint;
  label: string;
  from_version: number | null;
  to_version: number;
  actor: string;
  reason: string;
  moved_at: Date;
}

export function toLabelMove(prompt: string, row: LabelMoveRow): LabelMove {
  return {
    prompt,
    label: row.label,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    actor: row.actor,
    reason: row.reason,
    movedAt: toIsoTime(row.moved_at),
  };
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export function toApiKeyRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope as ApiKeyRecord["scope"],
    createdAt: toIsoTime(row.created_at),
    revokedAt: toIsoTimeOrNull(row.revoked_at),
    lastUsedAt: toIsoTimeOrNull(row.last_used_at),
  };
}
