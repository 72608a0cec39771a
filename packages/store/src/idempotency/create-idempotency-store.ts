import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { translateDatabaseError } from "../registry/database-errors.js";
import type { IdempotencyBegin, IdempotencyScope, IdempotencyStore } from "./idempotency-store.js";

type IdempotencyTables = {
  idempotency_keys: {
    project_id: string;
    principal: string;
    key: string;
    fingerprint: string;
    status: number | null;
    response: unknown;
    created_at: Date;
  };
};

const day = 24 * 60 * 60 * 1000;

export function createIdempotencyStore(database: Kysely<StoreSchema>): IdempotencyStore {
  const tables = database.withTables<IdempotencyTables>();
  const guarded = async <Result>(work: () => Promise<Result>): Promise<Result> => {
    try {
      return await work();
    } catch (error) {
      throw translateDatabaseError(error);
    }
  };
  const claim = async (scope: IdempotencyScope, key: string, fingerprint: string, now: Date) => {
    const inserted = await tables
      .insertInto("idempotency_keys")
      .values({
        project_id: scope.projectId,
        principal: scope.principal,
        key,
        fingerprint,
        status: null,
        response: null,
        created_at: now,
      })
      .onConflict((conflict) => conflict.columns(["project_id", "principal", "key"]).doNothing())
      .returning("key")
      .executeTakeFirst();
    return inserted !== undefined;
  };
  return {
    begin: (scope, key, fingerprint, options = {}) =>
      guarded(async (): Promise<IdempotencyBegin> => {
        const now = options.now ?? new Date();
        for (let attempt = 0; attempt < 3; attempt += 1) {
          if (await claim(scope, key, fingerprint, now)) return { state: "new" };
          const existing = await tables
            .selectFrom("idempotency_keys")
            .select(["fingerprint", "status", "response", "created_at"])
            .where("project_id", "=", scope.projectId)
            .where("principal", "=", scope.principal)
            .where("key", "=", key)
            .executeTakeFirst();
          if (existing === undefined) continue; // removed meanwhile: claim again
          const age = now.getTime() - existing.created_at.getTime();
          const expired = age >= (options.expiresAfterMs ?? day);
          const stale = existing.status === null && age >= (options.staleAfterMs ?? 60_000);
          if (expired || stale) {
            // Take it over only if it is still the record we looked at.
            await tables
              .deleteFrom("idempotency_keys")
              .where("project_id", "=", scope.projectId)
              .where("principal", "=", scope.principal)
              .where("key", "=", key)
              .where("created_at", "=", existing.created_at)
              .execute();
            continue;
          }
          if (existing.fingerprint !== fingerprint) return { state: "mismatch" };
          if (existing.status === null) return { state: "in-progress" };
          return { state: "replay", status: existing.status, body: existing.response };
        }
        return { state: "in-progress" };
      }),
    complete: (scope, key, status, body) =>
      guarded(async () => {
        await tables
          .updateTable("idempotency_keys")
          .set({ status, response: JSON.stringify(body ?? null) })
          .where("project_id", "=", scope.projectId)
          .where("principal", "=", scope.principal)
          .where("key", "=", key)
          .execute();
      }),
    abandon: (scope, key) =>
      guarded(async () => {
        await tables
          .deleteFrom("idempotency_keys")
          .where("project_id", "=", scope.projectId)
          .where("principal", "=", scope.principal)
          .where("key", "=", key)
          .where("status", "is", null)
          .execute();
      }),
    removeExpired: (before) =>
      guarded(async () => {
        const result = await sql`DELETE FROM idempotency_keys WHERE created_at < ${before}`.execute(
          tables,
        );
        return Number(result.numAffectedRows ?? 0);
      }),
  };
}
