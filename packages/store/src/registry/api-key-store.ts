import { randomUUID } from "node:crypto";
import { QuireError } from "@quire/core";
import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import type { ApiKeyRecord } from "../prompt-store.js";
import { translateDatabaseError } from "./database-errors.js";
import { type ApiKeyRow, toApiKeyRecord } from "./row-mapping.js";

const scopes = new Set<string>(["read", "write", "admin"]);
/** `lastUsedAt` is refreshed at most this often, so that authorizing stays a read. */
const lastUsedResolutionMilliseconds = 60_000;

const apiKeyColumns = [
  "id",
  "name",
  "prefix",
  "scope",
  "created_at",
  "revoked_at",
  "last_used_at",
] as const;

export async function createApiKey(
  database: Kysely<StoreSchema>,
  input: { name: string; prefix: string; hash: string; scope: ApiKeyRecord["scope"] },
): Promise<ApiKeyRecord> {
  if (!scopes.has(input.scope)) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid API key scope ${JSON.stringify(input.scope)}: use read, write or admin.`,
      {
        details: { field: "scope", scope: input.scope },
      },
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
  let row: ApiKeyRow | undefined;
  try {
    row = await database
      .insertInto("api_keys")
      .values({
        id: randomUUID(),
        name: input.name,
        prefix: input.prefix,
        hash: input.hash,
        scope: input.scope,
      })
      .onConflict((conflict) => conflict.column("hash").doNothing())
      .returning(apiKeyColumns)
      .executeTakeFirst();
  } catch (error) {
    throw translateDatabaseError(error);
  }
  if (row === undefined) {
    throw new QuireError(
      "CONFLICT",
      "An API key with this hash already exists: generate a new key.",
      {
        details: { prefix: input.prefix },
      },
    );
  }
  return toApiKeyRecord(row);
}

export async function findApiKeyByHash(
  database: Kysely<StoreSchema>,
  hash: string,
): Promise<ApiKeyRecord | undefined> {
  const row = await database
    .selectFrom("api_keys")
    .select(apiKeyColumns)
    .where("hash", "=", hash)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const stale =
    row.revoked_at === null &&
    (row.last_used_at === null ||
      Date.now() - row.last_used_at.getTime() > lastUsedResolutionMilliseconds);
  if (!stale) return toApiKeyRecord(row);
  const touched = await database
    .updateTable("api_keys")
    .set({ last_used_at: sql<Date>`now()` })
    .where("id", "=", row.id)
    .returning(apiKeyColumns)
    .executeTakeFirst();
  return toApiKeyRecord(touched ?? row);
}

export async function countApiKeys(database: Kysely<StoreSchema>): Promise<number> {
  const row = await database
    .selectFrom("api_keys")
    .select(sql<number>`count(*)::integer`.as("count"))
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function listApiKeys(database: Kysely<StoreSchema>): Promise<ApiKeyRecord[]> {
  const rows = await database
    .selectFrom("api_keys")
    .select(apiKeyColumns)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(toApiKeyRecord);
}

export async function revokeApiKey(
  database: Kysely<StoreSchema>,
  id: string,
): Promise<ApiKeyRecord> {
  const row = await database
    .updateTable("api_keys")
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
    .where("id", "=", id)
    .returning(apiKeyColumns)
    .executeTakeFirst();
  if (row === undefined) {
    throw new QuireError(
      "NOT_FOUND",
      `API key ${JSON.stringify(id)} does not exist: list the keys to find its id.`,
      {
        details: { apiKey: id },
      },
    );
  }
  return toApiKeyRecord(row);
}
