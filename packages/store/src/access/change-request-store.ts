import { QuireError } from "@quire/core";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import { toIsoTime, toIsoTimeOrNull } from "../registry/row-mapping.js";
import type { AccessStore, ChangeRequestRecord } from "./access-store.js";
import type { AccessTables, ChangeRequestTables } from "./access-tables.js";
import { appendAuditEntry } from "./audit-store.js";

type Database = Kysely<AccessTables & ChangeRequestTables>;

const columns = [
  "id",
  "project_id",
  "prompt",
  "label",
  "from_version",
  "to_version",
  "reason",
  "author",
  "status",
  "decided_by",
  "created_at",
  "decided_at",
] as const;

interface Row {
  id: string;
  project_id: string;
  prompt: string;
  label: string;
  from_version: number | null;
  to_version: number;
  reason: string;
  author: string;
  status: string;
  decided_by: string | null;
  created_at: Date;
  decided_at: Date | null;
}

function toRecord(row: Row): ChangeRequestRecord {
  return {
    id: String(row.id),
    projectId: row.project_id,
    prompt: row.prompt,
    label: row.label,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    reason: row.reason,
    author: row.author,
    status: row.status as ChangeRequestRecord["status"],
    decidedBy: row.decided_by,
    createdAt: toIsoTime(row.created_at),
    decidedAt: toIsoTimeOrNull(row.decided_at),
  };
}

const notFound = (projectId: string, id: string) =>
  new QuireError(
    "NOT_FOUND",
    `Change request ${JSON.stringify(id)} does not exist in project "${projectId}": list them with GET /v1/change-requests.`,
    { details: { changeRequest: id, project: projectId } },
  );

/** Change requests of the two-person rule (migration 0007). */
export function createChangeRequestStore(
  database: Database,
): Pick<
  AccessStore,
  | "createChangeRequest"
  | "getChangeRequest"
  | "listChangeRequests"
  | "decideChangeRequest"
  | "reopenChangeRequest"
> {
  return {
    createChangeRequest: async (input) => {
      return database.transaction().execute(async (transaction) => {
        const row = await transaction
          .insertInto("change_requests")
          .values({
            project_id: input.projectId,
            prompt: input.prompt,
            label: input.label,
            from_version: input.fromVersion,
            to_version: input.toVersion,
            reason: input.reason,
            author: input.author,
          })
          .returning(columns)
          .executeTakeFirstOrThrow();
        const record = toRecord(row);
        await appendAuditEntry(transaction as unknown as Kysely<AccessTables>, {
          projectId: input.projectId,
          actor: input.author,
          action: "change-request.open",
          target: `${input.prompt}@${input.label}`,
          before: { version: input.fromVersion },
          after: { version: input.toVersion, changeRequest: record.id },
        });
        return record;
      });
    },

    getChangeRequest: async (projectId, id) => {
      if (!/^\d{1,18}$/.test(id)) throw notFound(projectId, id);
      const row = await database
        .selectFrom("change_requests")
        .select(columns)
        .where("project_id", "=", projectId)
        .where("id", "=", id)
        .executeTakeFirst();
      if (row === undefined) throw notFound(projectId, id);
      return toRecord(row);
    },

    listChangeRequests: async (projectId, status) => {
      let query = database
        .selectFrom("change_requests")
        .select(columns)
        .where("project_id", "=", projectId);
      if (status !== undefined) query = query.where("status", "=", status);
      const rows = await query.orderBy("id", "desc").limit(500).execute();
      return rows.map(toRecord);
    },

    decideChangeRequest: async (projectId, id, decision, actor) => {
      if (!/^\d{1,18}$/.test(id)) throw notFound(projectId, id);
      try {
        return await database.transaction().execute(async (transaction) => {
          const current = await transaction
            .selectFrom("change_requests")
            .select(columns)
            .where("project_id", "=", projectId)
            .where("id", "=", id)
            .forUpdate()
            .executeTakeFirst();
          if (current === undefined) throw notFound(projectId, id);
          if (current.status !== "open") {
            throw new QuireError(
              "CONFLICT",
              `Change request ${id} was already ${current.status} by ${current.decided_by}.`,
              { details: { changeRequest: id, status: current.status } },
            );
          }
          const row = await transaction
            .updateTable("change_requests")
            .set({ status: decision, decided_by: actor, decided_at: sql<Date>`now()` })
            .where("id", "=", id)
            .returning(columns)
            .executeTakeFirstOrThrow();
          await appendAuditEntry(transaction as unknown as Kysely<AccessTables>, {
            projectId,
            actor,
            action: decision === "approved" ? "change-request.approve" : "change-request.reject",
            target: `${current.prompt}@${current.label}`,
            before: { status: "open" },
            after: { status: decision, changeRequest: String(current.id) },
          });
          return toRecord(row);
        });
      } catch (error) {
        throw translateDatabaseError(error);
      }
    },

    reopenChangeRequest: async (projectId, id) => {
      await database
        .updateTable("change_requests")
        .set({ status: "open", decided_by: null, decided_at: null })
        .where("project_id", "=", projectId)
        .where("id", "=", id)
        .where("status", "=", "approved")
        .execute();
    },
  };
}
