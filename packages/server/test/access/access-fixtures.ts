import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Role } from "@quire/core";
import { openStore, type Store } from "@quire/store";
import { createPostgresTestDatabase, postgresTestDatabaseUrl } from "@quire/store/testing";
import { displayPrefix, generateApiKey, hashApiKey } from "../../src/auth/api-key.js";
import type { AuthenticatorOptions } from "../../src/auth/authenticator.js";
import { buildApp, type QuireApp } from "../../src/build-app.js";

export interface AccessDatabase {
  name: "pglite" | "postgres";
  /** Opens one more store on the database (PostgreSQL only: PGlite admits one process). */
  openStore(): Promise<Store>;
  close(): Promise<void>;
}

/** PGlite always; PostgreSQL when QUIRE_TEST_DATABASE_URL is set. */
export function accessDatabases(): Array<{
  name: "pglite" | "postgres";
  open(): Promise<AccessDatabase>;
}> {
  const pglite = {
    name: "pglite" as const,
    open: async (): Promise<AccessDatabase> => {
      const directory = await mkdtemp(join(tmpdir(), "quire-access-"));
      return {
        name: "pglite",
        openStore: () => openStore({ dataDirectory: directory }),
        close: () => rm(directory, { recursive: true, force: true }),
      };
    },
  };
  const adminUrl = postgresTestDatabaseUrl();
  if (adminUrl === undefined) return [pglite];
  const postgres = {
    name: "postgres" as const,
    open: async (): Promise<AccessDatabase> => {
      const database = await createPostgresTestDatabase(adminUrl);
      return {
        name: "postgres",
        openStore: () => openStore({ databaseUrl: database.url, maxConnections: 4 }),
        close: () => database.drop(),
      };
    },
  };
  return [pglite, postgres];
}

export interface AccessApp extends QuireApp {
  store: Store;
  close(): Promise<void>;
}

export async function openAccessApp(
  store: Store,
  authentication?: AuthenticatorOptions,
): Promise<AccessApp> {
  const built = await buildApp({
    store,
    logLevel: "silent",
    ...(authentication === undefined ? {} : { authentication }),
  });
  return { ...built, store, close: () => built.app.close() };
}

/** Makes a key straight in the store (any project, role, expiry) and returns its secret. */
export async function makeKey(
  store: Store,
  role: Role,
  options: { projectId?: string; expiresAt?: string; name?: string } = {},
): Promise<{ key: string; id: string }> {
  const key = generateApiKey();
  const record = await store.access.createKey({
    projectId: options.projectId ?? "default",
    name: options.name ?? `${role}-key`,
    prefix: displayPrefix(key),
    hash: hashApiKey(key),
    role,
    expiresAt: options.expiresAt ?? null,
  });
  return { key, id: record.id };
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}
