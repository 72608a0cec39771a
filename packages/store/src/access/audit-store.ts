import type { AuditEntry, AuditPage, AuditQuery } from "@quire/core";
import type { Kysely } from "kysely";
import { toIsoTime } from "../registry/row-mapping.js";
import type { AccessTables } from "./access-tables.js";

export interface NewAuditEntry {
  projectId: string;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

/** Appends one entry; pass the write's transaction to record it with the write. */
export async function appendAuditEntry(
  database: Kysely<AccessTables>,
  entry: NewAuditEntry,
): Promise<void> {
  await database
    .insertInto("audit_entries")
    .values({
      project_id: entry.projectId,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      // jsonb parameters: serialized here so that strings and arrays stay JSON values.
      before:
        entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A project's entries, newest first, filtered; the cursor is the last id seen. */
export async function listAuditEntries(
  database: Kysely<AccessTables>,
  projectId: string,
  query: AuditQuery,
): Promise<AuditPage> {
  let select = database
    .selectFrom("audit_entries")
    .select(["id", "project_id", "actor", "action", "target", "before", "after", "created_at"])
    .where("project_id", "=", projectId);
  if (query.action !== undefined) select = select.where("action", "=", query.action);
  if (query.actor !== undefined) select = select.where("actor", "=", query.actor);
  if (query.target !== undefined) {
    select = select.where("target", "like", `${escapeLike(query.target)}%`);
  }
  if (query.since !== undefined) select = select.where("created_at", ">=", new Date(query.since));
  if (query.until !== undefined) select = select.where("created_at", "<", new Date(query.until));
  if (query.cursor !== undefined) select = select.where("id", "<", query.cursor);
  const rows = await select
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const items: AuditEntry[] = page.map((row) => ({
    id: String(row.id),
    projectId: row.project_id,
    actor: row.actor,
    action: row.action,
    target: row.target,
    before: row.before ?? null,
    after: row.after ?? null,
    createdAt: toIsoTime(row.created_at),
  }));
  return {
    items,
    nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null,
  };
}
