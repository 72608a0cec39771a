import { randomUUID } from "node:crypto";
import { QuireError, type Role, scopeOfRole } from "@quire/core";
import type { Kysely } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import type { AccessKeyRecord, NewProject, ProjectRecord } from "./access-store.js";
import type { AccessTables, UserTables } from "./access-tables.js";
import { appendAuditEntry } from "./audit-store.js";
import { keyColumns, toAccessKeyRecord, toProjectRecord } from "./key-rows.js";

type Database = Kysely<AccessTables & UserTables>;

/** Creating projects and listing a user's projects (migrations 0005 and 0006). */
export function createProjectStore(database: Database) {
  return {
    /**
     * Creates a project with its first admin key (and the creator as admin member when a user),
     * audited (`project.create`) in the new project and the creator's, in one transaction.
     * CONFLICT when the id is taken.
     */
    createProjectWithAdmin: async (
      input: NewProject,
      actor: string,
    ): Promise<{ project: ProjectRecord; adminKey: AccessKeyRecord }> => {
      try {
        return await database.transaction().execute(async (transaction) => {
          const row = await transaction
            .insertInto("projects")
            .values({ id: input.id, name: input.name })
            .onConflict((conflict) => conflict.column("id").doNothing())
            // Every column: the project record grows with the migrations that add settings.
            .returningAll()
            .executeTakeFirst();
          if (row === undefined) {
            throw new QuireError(
              "CONFLICT",
              `Project "${input.id}" already exists: choose another id.`,
              { details: { project: input.id } },
            );
          }
          const project = toProjectRecord(row);
          const keyRow = await transaction
            .insertInto("api_keys")
            .values({
              id: randomUUID(),
              project_id: project.id,
              name: input.adminKey.name,
              prefix: input.adminKey.prefix,
              hash: input.adminKey.hash,
              role: "admin",
              scope: scopeOfRole("admin"),
              expires_at:
                input.adminKey.expiresAt == null ? null : new Date(input.adminKey.expiresAt),
              created_by: input.adminKey.createdBy ?? null,
            })
            .returning(keyColumns)
            .executeTakeFirstOrThrow();
          const adminKey = toAccessKeyRecord(keyRow);
          if (input.adminUserId !== undefined) {
            await transaction
              .insertInto("project_members")
              .values({ project_id: project.id, user_id: input.adminUserId, role: "admin" })
              .execute();
          }
          const after = {
            id: project.id,
            name: project.name,
            adminKey: `${adminKey.name} (${adminKey.prefix})`,
            adminMember: input.adminUserId ?? null,
          };
          for (const projectId of new Set([project.id, input.creatorProjectId])) {
            await appendAuditEntry(transaction as unknown as Kysely<AccessTables>, {
              projectId,
              actor,
              action: "project.create",
              target: `project:${project.id}`,
              before: null,
              after,
            });
          }
          return { project, adminKey };
        });
      } catch (error) {
        throw translateDatabaseError(error);
      }
    },

    /** The projects a user is a member of, by id, with the user's role in each. */
    listUserProjects: async (
      userId: string,
    ): Promise<Array<{ project: ProjectRecord; role: Role }>> => {
      const rows = await database
        .selectFrom("project_members")
        .innerJoin("projects", "projects.id", "project_members.project_id")
        .selectAll("projects")
        .select("project_members.role as member_role")
        .where("project_members.user_id", "=", userId)
        .orderBy("projects.id")
        .execute();
      return rows.map((row) => ({ project: toProjectRecord(row), role: row.member_role as Role }));
    },
  };
}
