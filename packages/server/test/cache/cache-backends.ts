import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "@quire/store";
import {
  createPostgresTestDatabase,
  deferredPgvectorCheck,
  postgresTestDatabaseUrl,
} from "@quire/store/testing";

/** A store on a fresh database, and whether that database can have pgvector. */
export interface OpenedCacheBackend {
  store: Store;
  /**
   * Whether the database can have pgvector; on PostgreSQL without it under CI this throws the
   * fix (run .ci/install-pgvector.sh), so each test that needs it fails.
   */
  vectorInstalled(): boolean;
  /** Closes the store and removes its folder or database. */
  close(): Promise<void>;
}

export interface CacheBackend {
  name: "pglite" | "postgres";
  open(): Promise<OpenedCacheBackend>;
}

/** PGlite always; PostgreSQL when QUIRE_TEST_DATABASE_URL is set (required under CI). */
export function cacheBackends(): CacheBackend[] {
  const pglite: CacheBackend = {
    name: "pglite",
    open: async () => {
      const dataDirectory = await mkdtemp(join(tmpdir(), "quire-cache-"));
      const store = await openStore({ dataDirectory });
      return {
        store,
        vectorInstalled: () => true,
        close: async () => {
          await store.close();
          await rm(dataDirectory, { recursive: true, force: true });
        },
      };
    },
  };
  const adminUrl = postgresTestDatabaseUrl();
  if (adminUrl === undefined) return [pglite];
  const postgres: CacheBackend = {
    name: "postgres",
    open: async () => {
      const database = await createPostgresTestDatabase(adminUrl);
      const store = await openStore({ databaseUrl: database.url });
      return {
        store,
        vectorInstalled: await deferredPgvectorCheck(adminUrl),
        close: async () => {
          await store.close();
          await database.drop();
        },
      };
    },
  };
  return [pglite, postgres];
}
