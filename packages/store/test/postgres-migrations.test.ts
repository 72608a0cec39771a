import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/index.js";
import { loadMigrations } from "../src/migrations/load-migrations.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "./postgres-test-database.js";
import { newPrompt } from "./suite/store-fixtures.js";

const adminUrl = postgresTestDatabaseUrl();

describe.runIf(adminUrl !== undefined)("migrations on PostgreSQL", () => {
  let database: PostgresTestDatabase;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(adminUrl ?? "");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("applies each migration once when several stores open an empty database at the same time", async () => {
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openStore({ databaseUrl: database.url })),
    );
    try {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const recorded = await client.query<{ name: string }>(
          "SELECT name FROM quire_migrations ORDER BY name",
        );
        const expected = (await loadMigrations()).map((migration) => migration.name);
        expect(recorded.rows.map((row) => row.name)).toEqual(expected);
      } finally {
        await client.end();
      }
      await stores[0]?.createPrompt(newPrompt("migrated/prompt"));
      expect((await stores[3]?.getPrompt("migrated/prompt"))?.latestVersion).toBe(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("reports an unreachable server as UNAVAILABLE without the password", async () => {
    const error = await openStore({
      databaseUrl: "postgres://quire:secret@127.0.0.1:1/none",
    }).catch((rejection: unknown) => rejection);
    expect(error).toMatchObject({ code: "UNAVAILABLE", retryable: true });
    expect(String((error as Error).message)).not.toContain("secret");
    expect(String((error as Error).message)).toContain("127.0.0.1:1");
  });
});
