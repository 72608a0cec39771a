import { randomUUID } from "node:crypto";
import { QuireError, type Role } from "@quire/core";
import type { Kysely } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import { toIsoTime } from "../registry/row-mapping.js";
import type { AccessFeed } from "./access-feed.js";
import type { MemberRecord, SessionRecord, UserRecord } from "./access-store.js";
import type { AccessTables, UserTables } from "./access-tables.js";
import { appendAuditEntry } from "./audit-store.js";

type Database = Kysely<AccessTables & UserTables>;

/** Users, project members and sessions (migration 0006). */
export function createUserStore(database: Database, feed: AccessFeed) {
  const toUser = (row: { id: string; email: string; name: string; created_at: Date }) =>
    ({
      id: row.id,
      email: row.email,
      name: row.name,
      createdAt: toIsoTime(row.created_at),
    }) satisfies UserRecord;

  return {
    createUser: async (input: {
      email: string;
      name: string;
      passwordHash: string;
    }): Promise<UserRecord> => {
      try {
        const row = await database
          .insertInto("users")
          .values({
            id: randomUUID(),
            email: input.email.toLowerCase(),
            name: input.name,
            password_hash: input.passwordHash,
          })
          .onConflict((conflict) => conflict.column("email").doNothing())
          .returning(["id", "email", "name", "created_at"])
          .executeTakeFirst();
        if (row === undefined) {
          throw new QuireError("CONFLICT", `A user with the email ${input.email} already exists.`, {
            details: { email: input.email },
          });
        }
        return toUser(row);
      } catch (error) {
        throw translateDatabaseError(error);
      }
    },

    findUserByEmail: async (
      email: string,
    ): Promise<{ user: UserRecord; passwordHash: string } | undefined> => {
      const row = await database
        .selectFrom("users")
        .select(["id", "email", "name", "created_at", "password_hash"])
        .where("email", "=", email.toLowerCase())
        .executeTakeFirst();
      return row === undefined ? undefined : { user: toUser(row), passwordHash: row.password_hash };
    },

    memberRole: async (projectId: string, userId: string): Promise<Role | undefined> => {
      const row = await database
        .selectFrom("project_members")
        .select("role")
        .where("project_id", "=", projectId)
        .where("user_id", "=", userId)
        .executeTakeFirst();
      return row?.role as Role | undefined;
    },

    setMember: async (
      projectId: string,
      userId: string,
      role: Role,
      actor: string,
    ): Promise<MemberRecord> => {
      try {
        const member = await database.transaction().execute(async (transaction) => {
          const before = await transaction
            .selectFrom("project_members")
            .select("role")
            .where("project_id", "=", projectId)
            .where("user_id", "=", userId)
            .forUpdate()
            .executeTakeFirst();
          await transaction
            .insertInto("project_members")
            .values({ project_id: projectId, user_id: userId, role })
            .onConflict((conflict) =>
              conflict.columns(["project_id", "user_id"]).doUpdateSet({ role }),
            )
            .execute();
          const row = await transaction
            .selectFrom("project_members")
            .innerJoin("users", "users.id", "project_members.user_id")
            .select([
              "users.id",
              "users.email",
              "users.name",
              "project_members.role",
              "project_members.created_at",
            ])
            .where("project_members.project_id", "=", projectId)
            .where("project_members.user_id", "=", userId)
            .executeTakeFirstOrThrow();
          await appendAuditEntry(transaction as unknown as Kysely<AccessTables>, {
            projectId,
            actor,
            action: "member.set",
            target: `user:${row.email}`,
            before: before === undefined ? null : { role: before.role },
            after: { role },
          });
          // Servers drop cached sessions, so the new role applies at once.
          await feed.publishInTransaction(transaction, { kind: "sessions-ended" });
          return {
            userId: row.id,
            email: row.email,
            name: row.name,
            role: row.role as Role,
            since: toIsoTime(row.created_at),
          };
        });
        feed.afterCommit({ kind: "sessions-ended" });
        return member;
      } catch (error) {
        throw translateDatabaseError(error);
      }
    },

    listMembers: async (projectId: string): Promise<MemberRecord[]> => {
      const rows = await database
        .selectFrom("project_members")
        .innerJoin("users", "users.id", "project_members.user_id")
        .select([
          "users.id",
          "users.email",
          "users.name",
          "project_members.role",
          "project_members.created_at",
        ])
        .where("project_members.project_id", "=", projectId)
        .orderBy("users.email")
        .execute();
      return rows.map((row) => ({
        userId: row.id,
        email: row.email,
        name: row.name,
        role: row.role as Role,
        since: toIsoTime(row.created_at),
      }));
    },

    createSession: async (input: {
      hash: string;
      userId: string;
      projectId: string;
      csrfToken: string;
      expiresAt: Date;
    }): Promise<void> => {
      await database
        .insertInto("sessions")
        .values({
          hash: input.hash,
          user_id: input.userId,
          project_id: input.projectId,
          csrf_token: input.csrfToken,
          expires_at: input.expiresAt,
        })
        .execute();
    },

    /** The session with its user and the user's role now (null when no longer a member). */
    findSession: async (hash: string): Promise<SessionRecord | undefined> => {
      const row = await database
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .leftJoin("project_members", (join) =>
          join
            .onRef("project_members.project_id", "=", "sessions.project_id")
            .onRef("project_members.user_id", "=", "sessions.user_id"),
        )
        .select([
          "users.id",
          "users.email",
          "users.name",
          "sessions.project_id",
          "sessions.csrf_token",
          "sessions.expires_at",
          "project_members.role",
        ])
        .where("sessions.hash", "=", hash)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        userId: row.id,
        email: row.email,
        name: row.name,
        projectId: row.project_id,
        role: (row.role ?? null) as Role | null,
        csrfToken: row.csrf_token,
        expiresAt: toIsoTime(row.expires_at),
      };
    },

    /** Ends a session on every server (their session caches are dropped). */
    deleteSession: async (hash: string): Promise<void> => {
      await database.transaction().execute(async (transaction) => {
        await transaction.deleteFrom("sessions").where("hash", "=", hash).execute();
        await feed.publishInTransaction(transaction, { kind: "sessions-ended" });
      });
      feed.afterCommit({ kind: "sessions-ended" });
    },
  };
}
