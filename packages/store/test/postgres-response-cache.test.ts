import { describe } from "vitest";
import { openStore } from "../src/index.js";
import { pgvectorForTests } from "../src/testing/index.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "./postgres-test-database.js";
import { registerResponseCacheStorageSuite } from "./response-cache-storage.suite.js";

const adminUrl = postgresTestDatabaseUrl();

describe.runIf(adminUrl !== undefined)("response cache storage on PostgreSQL", () => {
  let database: PostgresTestDatabase | undefined;
  registerResponseCacheStorageSuite({
    open: async () => {
      database = await createPostgresTestDatabase(adminUrl ?? "");
      return openStore({ databaseUrl: database.url });
    },
    cleanup: async () => database?.drop(),
    // Under CI a missing pgvector fails the suite (run .ci/install-pgvector.sh).
    vectorInstalled: () => pgvectorForTests(adminUrl ?? ""),
  });
});
