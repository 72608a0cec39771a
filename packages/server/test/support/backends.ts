import { createPostgresTestDatabase, postgresTestDatabaseUrl } from "@quire/store/testing";
import type { ServerOptions } from "../../src/index.js";
import { startTestServer, type TestServer } from "./test-server.js";

export interface Backend {
  name: "pglite" | "postgres";
  /** A server on a fresh, empty database; `close` also drops the database. */
  start(options?: ServerOptions): Promise<TestServer>;
}

const pglite: Backend = { name: "pglite", start: (options) => startTestServer(options) };

/**
 * The databases the HTTP suites run against: PGlite always, PostgreSQL when
 * QUIRE_TEST_DATABASE_URL is set (locally it is skipped with a notice; under CI its absence
 * fails the run).
 */
export function testBackends(): Backend[] {
  const adminUrl = postgresTestDatabaseUrl();
  if (adminUrl === undefined) return [pglite];
  const postgres: Backend = {
    name: "postgres",
    start: async (options) => {
      const database = await createPostgresTestDatabase(adminUrl);
      const server = await startTestServer({ ...options, databaseUrl: database.url });
      return {
        ...server,
        close: async () => {
          await server.close();
          await database.drop();
        },
      };
    },
  };
  return [pglite, postgres];
}
