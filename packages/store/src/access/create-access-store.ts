import { randomUUID } from "node:crypto";
import { QuireError, roles, scopeOfRole } from "@quire/core";
import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { translateDatabaseError } from "../registry/database-errors.js";
import type { AccessFeed } from "./access-feed.js";
import type { AccessStore } from "./access-store.js";
import type { AccessTables, ChangeRequestTables, UserTables } from "./access-tables.js";
import { appendAuditEntry, listAuditEntries } from "./audit-store.js";
import { createChangeRequestStore } from "./change-request-store.js";
import { keyColumns, toAccessKeyRecord, toProjectRecord } from "./key-rows.js";
import { createProjectStore } from "./project-store.js";
import { createUserStore } from "./user-store.js";

const projectColumns = [
  "id",
  "name",
  "protected_labels",
  "two_person_rule",
  "allow_javascript_assertions",
  "created_at",
] as const;

/** Projects and API keys on the store's database (migration 0005). */
export function createAccessStore(
  storeDatabase: Kysely<StoreSchema>,
  feed: AccessFeed,
): AccessStore {
  const database = storeDatabase.withTables<AccessTables>() as unknown as Kysely<AccessTables>;
  const users = createUserStore(
    storeDatabase.withTables<AccessTables & UserTables>() as unknown as Kysely<
      AccessTables & UserTables
    >,
    feed,
  );

  const getProject: AccessStore["getProject"] = async (id) => {
    const row = await database
      .selectFrom("projects")
      .select(projectColumns)
      .where("id", "=", id)
      .executeTakeFirst();
    return row === undefined ? undefined : toProjectRecord(row);
  };

  return {
    createProject: async (input) => {
      try {
        const row = await database
          .insertInto("projects")
          .values({ id: input.id, name: input.name })
          .onConflict((conflict) => conflict.column("id").doNothing())
          .returning(projectColumns)
          .executeTakeFirst();
        if (row === undefined) {
          throw new QuireError(
            "CONFLICT",
            `Project "${input.id}" already exists: choose another id.`,
            {
              details: { project: input.id },
            },
          );
        }
        return toProjectRecord(row);
      } catch (error) {
        throw translateDatabaseError(error);
      }
    },

    getProject,

    updateProject: async (id, changes, actor) => {
      const event = { kind: "project-updated", projectId: id } as const;
      try {
        const updated = await database.transaction().execute(async (transaction) => {
          const before = await transaction
            .selectFrom("projects")
            .select(projectColumns)
            .where("id", "=", id)
            .forUpdate()
            .executeTakeFirst();
          if (before === undefined) {
            throw new QuireError("NOT_FOUND", `Project "${id}" does not exist.`, {
              details: { project: id },
            });
          }
          const row = await transaction
            .updateTable("projects")
            .set({
              ...(changes.name === undefined ? {} : { name: changes.name }),
              ...(changes.twoPersonRule === undefined
                ? {}
                : { two_person_rule: changes.twoPersonRule }),
              ...(changes.allowJavaScriptAssertions === undefined
                ? {}
                : { allow_javascript_assertions: changes.allowJavaScriptAssertions }),
              ...(changes.protectedLabels === undefined
                ? {}
                : { protected_labels: [...new Set(changes.protectedLabels)] }),
            })
            .where("id", "=", id)
            .returning(projectColumns)
            .executeTakeFirstOrThrow();
          const previous = toProjectRecord(before);
          const next = toProjectRecord(row);
          await appendAuditEntry(transaction, {
            projectId: id,
            actor,
            action: "settings.update",
            target: `project:${id}`,
            before: {
              name: previous.name,
              protectedLabels: previous.protectedLabels,
              twoPersonRule: previous.twoPersonRule,
              allowJavaScriptAssertions: previous.allowJavaScriptAssertions,
            },
            after: {
              name: next.name,
              protectedLabels: next.protectedLabels,
              twoPersonRule: next.twoPersonRule,
              allowJavaScriptAssertions: next.allowJavaScriptAssertions,
            },
          });
          await feed.publishInTransaction(transaction, event);
          return next;
        });
        feed.afterCommit(event);
        return updated;
      } catch (error) {
        throw translateDatabaseError(error);
      }
    },

    createKey: async (input, actor) => {
      if (!(roles as readonly string[]).includes(input.role)) {
        throw new QuireError(
          "VALIDATION_FAILED",
          `Invalid role ${JSON.stringify(input.role)}: use ${roles.join(", ")}.`,
          { details: { field: "role", role: input.role } },
        );
      }
      if (input.hash.length === 0) {
        throw new QuireError(
          "VALIDATION_FAILED",
          "The API key hash is empty: store the hash of the key.",
          {
            details: { field: "hash" },
          },
        );
      }
      if ((await getProject(input.projectId)) === undefined) {
        throw new QuireError(
          "NOT_FOUND",
          `Project "${input.projectId}" does not exist: create it first.`,
          { details: { project: input.projectId } },
        );
      }
      try {
        return await database.transaction().execute(async (transaction) => {
          const row = await transaction
            .insertInto("api_keys")
            .values({
              id: randomUUID(),
              project_id: input.projectId,
              name: input.name,
              prefix: input.prefix,
              hash: input.hash,
              role: input.role,
              scope: scopeOfRole(input.role),
              expires_at: input.expiresAt == null ? null : new Date(input.expiresAt),
              created_by: input.createdBy ?? null,
            })
            .onConflict((conflict) => conflict.column("hash").doNothing())
            .returning(keyColumns)
            .executeTakeFirst();
          if (row === undefined) {
            throw new QuireError(
              "CONFLICT",
              "An API key with this hash already exists: generate a new key.",
              {
                details: { prefix: input.prefix },
              },
            );
          }
          const record = toAccessKeyRecord(row);
          if (actor !== undefined) {
            await appendAuditEntry(transaction, {
              projectId: record.projectId,
              actor,
              action: "key.create",
              target: `key:${record.name} (${record.prefix})`,
              before: null,
              after: record,
            });
          }
          return record;
        });
      } catch (error) {
        throw translateDatabaseError(error);
      }
    },

    findKeyByHash: async (hash) => {
      const row = await database
        .selectFrom("api_keys")
        .select(keyColumns)
        .where("hash", "=", hash)
        .executeTakeFirst();
      return row === undefined ? undefined : toAccessKeyRecord(row);
    },

    countKeys: async () => {
      const row = await database
        .selectFrom("api_keys")
        .select(sql<number>`count(*)::integer`.as("count"))
        .executeTakeFirstOrThrow();
      return row.count;
    },

    listKeys: async (projectId) => {
      const rows = await database
        .selectFrom("api_keys")
        .select(keyColumns)
        .where("project_id", "=", projectId)
        .orderBy("created_at", "desc")
        .orderBy("id")
        .execute();
      return rows.map(toAccessKeyRecord);
    },

    revokeKey: async (projectId, id, actor) => {
      let row: Parameters<typeof toAccessKeyRecord>[0] | undefined;
      try {
        row = await database.transaction().execute(async (transaction) => {
          const previous = await transaction
            .selectFrom("api_keys")
            .select("revoked_at")
            .where("id", "=", id)
            .where("project_id", "=", projectId)
            .forUpdate()
            .executeTakeFirst();
          if (previous === undefined) return undefined;
          const revoked = await transaction
            .updateTable("api_keys")
            .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
            .where("id", "=", id)
            .where("project_id", "=", projectId)
            .returning(keyColumns)
            .executeTakeFirst();
          if (revoked !== undefined) {
            await feed.publishInTransaction(transaction, { kind: "key-revoked", keyId: id });
            if (actor !== undefined && previous.revoked_at === null) {
              const after = toAccessKeyRecord(revoked);
              await appendAuditEntry(transaction, {
                projectId,
                actor,
                action: "key.revoke",
                target: `key:${after.name} (${after.prefix})`,
                before: { revokedAt: null },
                after: { revokedAt: after.revokedAt },
              });
            }
          }
          return revoked;
        });
      } catch (error) {
        throw translateDatabaseError(error);
      }
      if (row === undefined) {
        throw new QuireError(
          "NOT_FOUND",
          `API key ${JSON.stringify(id)} does not exist in project "${projectId}": list the keys (GET /v1/keys) to find its id.`,
          { details: { apiKey: id, project: projectId } },
        );
      }
      feed.afterCommit({ kind: "key-revoked", keyId: id });
      return toAccessKeyRecord(row);
    },

    recordKeyUses: async (uses) => {
      if (uses.size === 0) return;
      const ids: string[] = [];
      const times: string[] = [];
      for (const [id, time] of uses) {
        ids.push(id);
        times.push(time.toISOString());
      }
      await sql`
        UPDATE api_keys SET last_used_at = greatest(api_keys.last_used_at, used.at)
        FROM unnest(${ids}::text[], ${times}::timestamptz[]) AS used(id, at)
        WHERE api_keys.id = used.id`.execute(database);
    },

    appendAudit: (entry) => appendAuditEntry(database, entry),

    listAudit: (projectId, query) => listAuditEntries(database, projectId, query),

    ...users,
    ...createProjectStore(
      storeDatabase.withTables<AccessTables & UserTables>() as unknown as Kysely<
        AccessTables & UserTables
      >,
    ),
    ...createChangeRequestStore(
      storeDatabase.withTables<AccessTables & ChangeRequestTables>() as unknown as Kysely<
        AccessTables & ChangeRequestTables
      >,
    ),

    subscribe: (listener) => feed.subscribe(listener),
  };
}
