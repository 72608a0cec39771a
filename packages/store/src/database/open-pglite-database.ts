import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { QuireError } from "@quire/core";
import { Kysely } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { applyMigrations } from "../migrations/apply-migrations.js";
import type { Migration } from "../migrations/load-migrations.js";
import { acquireDataDirectoryLock } from "./data-directory-lock.js";
import type { StoreSchema } from "./database-schema.js";
import { type PgliteWorker, startPgliteWorker } from "./pglite-worker.js";

/** Where PGlite keeps its files inside the data directory (next to `admin.key` and the lock). */
export const embeddedDatabaseFolderName = "db";
export const embeddedDatabaseLockName = "db.lock";

export interface OpenedDatabase {
  database: Kysely<StoreSchema>;
  close(): Promise<void>;
}

/**
 * Opens (creating on first use) the embedded database in `<dataDirectory>/db`, after taking the
 * folder's lock, and applies pending migrations.
 *
 * Durability: PGlite 0.3 runs PostgreSQL with fsync and synchronous_commit on, and its Node file
 * system writes straight through to the OS at each commit, so an acknowledged write survives the
 * process being killed (tested with SIGKILL). Emscripten's Node file system does not pass fsync
 * on, so a power cut or OS crash may lose the last writes: use PostgreSQL where that matters.
 * After a kill, PostgreSQL's own crash recovery replays the WAL on the next open; the only stale
 * file is the store's lock, which is taken over.
 *
 * PGlite runs on its own worker thread (pglite-worker.ts), so its statements, synchronous
 * WebAssembly, never hold the thread that serves requests.
 */
export async function openPgliteDatabase(
  dataDirectory: string,
  migrations: Migration[],
): Promise<OpenedDatabase> {
  const root = resolve(dataDirectory);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const lock = acquireDataDirectoryLock(join(root, embeddedDatabaseLockName));
  const databaseFolder = join(root, embeddedDatabaseFolderName);
  let pglite: PgliteWorker | undefined;
  try {
    // With pgvector, for the semantic response cache (enabled by the store when first used).
    pglite = await startPgliteWorker(databaseFolder);
    const client = pglite;
    await applyMigrations(
      {
        executeScript: async (script) => {
          await client.exec(script);
        },
        query: async <Row>(text: string, parameters: unknown[] = []) =>
          (await client.query<Row>(text, parameters)).rows,
      },
      migrations,
    );
  } catch (error) {
    await pglite?.close().catch(() => {});
    lock.release();
    if (error instanceof QuireError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new QuireError(
      "UNAVAILABLE",
      `Could not open the embedded database in ${databaseFolder}: ${reason}. Check that the folder is readable and writable and holds a Quire database (or is empty).`,
      { details: { dataDirectory: root }, cause: error },
    );
  }
  // The dialect calls only `query` and `close` on its client, which the worker provides.
  const dialectClient = pglite as unknown as PGlite;
  const database = new Kysely<StoreSchema>({ dialect: new PGliteDialect(dialectClient) });
  return {
    database,
    close: async () => {
      try {
        await database.destroy();
      } finally {
        lock.release();
      }
    },
  };
}
