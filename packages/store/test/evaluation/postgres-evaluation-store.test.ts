import { describe } from "vitest";
import { openStore } from "../../src/index.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "../../src/testing/index.js";
import { registerEvaluationStoreSuite } from "./evaluation-store.suite.js";

const adminUrl = postgresTestDatabaseUrl();

describe.runIf(adminUrl !== undefined)("EvaluationStore on PostgreSQL", () => {
  let database: PostgresTestDatabase | undefined;
  registerEvaluationStoreSuite({
    open: async () => {
      database = await createPostgresTestDatabase(adminUrl ?? "");
      return openStore({ databaseUrl: database.url });
    },
    // Another pool on the same database: claims race as they would between two servers.
    openSecond: () => openStore({ databaseUrl: database?.url ?? "" }),
    cleanup: async () => database?.drop(),
  });
});
