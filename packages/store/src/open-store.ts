import { QuireError } from "@quire/core";
import { withAccessStore } from "./access/with-access-store.js";
import type { ChangeFeed } from "./changes/change-feed.js";
import { createInProcessChangeFeed } from "./changes/in-process-change-feed.js";
import { createPostgresChangeFeed } from "./changes/postgres-change-feed.js";
import { type OpenedDatabase, openPgliteDatabase } from "./database/open-pglite-database.js";
import {
  defaultMaxConnections,
  openPostgresDatabase,
  redactPassword,
} from "./database/open-postgres-database.js";
import { createEvaluationStore } from "./evaluation/create-evaluation-store.js";
import { withExecutionStore } from "./executions/with-execution-store.js";
import { createIdempotencyStore } from "./idempotency/create-idempotency-store.js";
import { loadMigrations } from "./migrations/load-migrations.js";
import { createRateLimitStore } from "./rate-limits/create-rate-limit-store.js";
import { createKyselyPromptStore } from "./registry/kysely-prompt-store.js";
import { withResponseCacheStorage } from "./response-cache/with-response-cache-storage.js";
import type { Store } from "./store.js";

export interface StoreOptions {
  /** PostgreSQL connection string; when absent, an embedded PGlite database is used. */
  databaseUrl?: string;
  /**
   * Folder of the embedded database (default `./.quire`, relative to the working directory);
   * ignored with `databaseUrl`. PGlite's files go in `<dataDirectory>/db`, its lock in
   * `<dataDirectory>/db.lock`; the rest of the folder is free for the caller (`admin.key`).
   */
  dataDirectory?: string;
  /**
   * Most PostgreSQL connections this store opens at once (default 10), plus three for LISTEN
   * (prompt changes, access changes, response-cache keys).
   */
  maxConnections?: number;
}

export const defaultDataDirectory = ".quire";

/**
 * Opens the store, applying pending migrations first. With `databaseUrl` it uses PostgreSQL
 * (any number of processes may share it); otherwise the embedded PGlite database in
 * `dataDirectory`, which one process at a time may open (UNAVAILABLE otherwise).
 *
 * Environment variables are the caller's business (QUIRE_DATABASE_URL, QUIRE_DATA_DIR): this
 * function takes resolved options.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const migrations = await loadMigrations();
  let opened: OpenedDatabase;
  let changeFeed: ChangeFeed;
  const kind =
    options.databaseUrl !== undefined && options.databaseUrl !== "" ? "postgres" : "pglite";
  if (options.databaseUrl !== undefined && options.databaseUrl !== "") {
    opened = await openPostgresDatabase(
      options.databaseUrl,
      options.maxConnections ?? defaultMaxConnections,
      migrations,
    );
    try {
      changeFeed = await createPostgresChangeFeed(options.databaseUrl);
    } catch (error) {
      await opened.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new QuireError(
        "UNAVAILABLE",
        `Could not open the connection that listens for changes on ${redactPassword(options.databaseUrl)}: ${reason}. Check that the server accepts one more connection.`,
        {
          details: { databaseUrl: redactPassword(options.databaseUrl) },
          cause: error,
          retryable: true,
        },
      );
    }
  } else {
    opened = await openPgliteDatabase(options.dataDirectory ?? defaultDataDirectory, migrations);
    changeFeed = createInProcessChangeFeed();
  }
  const store = await withExecutionStore(
    createKyselyPromptStore(opened.database, changeFeed, opened.close),
    opened.database,
  );
  return withAccessStore(
    withResponseCacheStorage(
      {
        ...store,
        evaluation: createEvaluationStore(opened.database),
        idempotency: createIdempotencyStore(opened.database),
        rateLimits: createRateLimitStore(opened.database, kind),
      },
      opened.database,
      { kind, ...(kind === "postgres" ? { databaseUrl: options.databaseUrl } : {}) },
    ),
    opened.database,
    options.databaseUrl,
  );
}
