import { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, type MigrationSession } from "./apply-migrations.js";
import type { Migration } from "./load-migrations.js";

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: `checksum of ${sql}` };
}

describe("applyMigrations", () => {
  let database: PGlite;
  let session: MigrationSession;
  beforeEach(async () => {
    database = await PGlite.create();
    session = {
      executeScript: async (script) => {
        await database.exec(script);
      },
      query: async <Row>(text: string, parameters: unknown[] = []) =>
        (await database.query<Row>(text, parameters)).rows,
    };
  });
  afterEach(() => database.close());

  const first = migration("0001_first", "CREATE TABLE a (x int); CREATE TABLE b (y int);");
  const second = migration("0002_second", "ALTER TABLE a ADD COLUMN z int;");

  it("applies pending migrations in order, records them, and applies nothing the second time", async () => {
    expect(await applyMigrations(session, [first, second])).toEqual({
      applied: ["0001_first", "0002_second"],
    });
    expect(await applyMigrations(session, [first, second])).toEqual({ applied: [] });
    const recorded = await session.query<{ name: string }>(
      "SELECT name FROM quire_migrations ORDER BY name",
    );
    expect(recorded.map((row) => row.name)).toEqual(["0001_first", "0002_second"]);
    await session.query("INSERT INTO a (x, z) VALUES (1, 2)");
  });

  it("rolls a failing migration back whole, keeping the ones before it", async () => {
    const broken = migration("0002_broken", "CREATE TABLE c (x int); SELECT * FROM no_such_table;");
    await expect(applyMigrations(session, [first, broken])).rejects.toMatchObject({
      code: "INTERNAL",
      message: expect.stringMatching(/0002_broken failed and was rolled back/),
    });
    const tables = await session.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((row) => row.name)).toEqual(["a", "b", "quire_migrations"]);
    expect(await applyMigrations(session, [first, second])).toEqual({ applied: ["0002_second"] });
  });

  it("refuses a database whose applied migration was edited, or is unknown to this code", async () => {
    await applyMigrations(session, [first]);
    await expect(
      applyMigrations(session, [{ ...first, checksum: "edited" }]),
    ).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      message: expect.stringMatching(/changed after it was applied/),
    });
    await expect(applyMigrations(session, [])).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      message: expect.stringMatching(/newer Quire/),
    });
  });
});
