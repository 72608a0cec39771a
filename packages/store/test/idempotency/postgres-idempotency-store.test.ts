import { describe } from "vitest";
import { openStore } from "../../src/index.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "../postgres-test-database.js";
import { registerIdempotencyStoreSuite } from "./idempotency-store.suite.js";

const adminUrl = postgresTestDatabaseUrl();

describe.runIf(adminUrl !== undefined)("idempotency keys on PostgreSQL", () => {
  let database: PostgresTestDatabase | undefined;
  registerIdempotencyStoreSuite({
    open: async () => {
      database = await createPostgresTestDatabase(adminUrl ?? "");
      return openStore({ databaseUrl: database.url });
    },
    cleanup: async () => database?.drop(),
  });
});
