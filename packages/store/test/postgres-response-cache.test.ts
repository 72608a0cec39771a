import pg from "pg";
import { describe } from "vitest";
import { openStore } from "../src/index.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "./postgres-test-database.js";
import { registerResponseCacheStorageSuite } from "./response-cache-storage.suite.js";

const adminUrl = postgresTestDatabaseUrl();

/** Whether the server has pgvector to enable (Debian's postgresql-NN-pgvector installed). */
async function serverHasPgvector(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
    );
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

describe.runIf(adminUrl !== undefined)("response cache storage on PostgreSQL", () => {
  let database: PostgresTestDatabase | undefined;
  registerResponseCacheStorageSuite({
    open: async () => {
      database = await createPostgresTestDatabase(adminUrl ?? "");
      return openStore({ databaseUrl: database.url });
    },
    cleanup: async () => database?.drop(),
    vectorInstalled: () => serverHasPgvector(adminUrl ?? ""),
  });
});
