import { describe } from "vitest";
import { openStore } from "../../src/index.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "../postgres-test-database.js";
import { registerComponentStoreSuite } from "./component-store.suite.js";

const adminUrl = postgresTestDatabaseUrl();

describe.runIf(adminUrl !== undefined)("component uses on PostgreSQL", () => {
  let database: PostgresTestDatabase | undefined;
  registerComponentStoreSuite({
    open: async () => {
      database = await createPostgresTestDatabase(adminUrl ?? "");
      return openStore({ databaseUrl: database.url });
    },
    cleanup: async () => database?.drop(),
  });
});
