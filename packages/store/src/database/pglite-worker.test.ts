import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgliteWorker, startPgliteWorker } from "./pglite-worker.js";

describe("PGlite on a worker thread", () => {
  let folder: string;
  let database: PgliteWorker;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "quire-pglite-worker-"));
    database = await startPgliteWorker(join(folder, "db"));
    await database.exec(
      "CREATE TABLE things (id serial PRIMARY KEY, name text UNIQUE NOT NULL, at timestamptz, data jsonb, bytes bytea)",
    );
  });

  afterAll(async () => {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("answers rows with their types across the thread (dates, JSON, bytes) and counts changes", async () => {
    const at = new Date("2026-11-22T01:02:03.456Z");
    const inserted = await database.query(
      "INSERT INTO things (name, at, data, bytes) VALUES ($1, $2, $3, $4), ($5, $2, $3, $4)",
      ["a", at, JSON.stringify({ nested: [1, "two"] }), new Uint8Array([0, 255]), "b"],
    );
    expect(inserted.affectedRows).toBe(2);
    const { rows } = await database.query<{
      name: string;
      at: Date;
      data: unknown;
      bytes: Uint8Array;
    }>("SELECT name, at, data, bytes FROM things ORDER BY name");
    expect(rows.map((row) => row.name)).toEqual(["a", "b"]);
    expect(rows[0]?.at).toBeInstanceOf(Date);
    expect(rows[0]?.at.getTime()).toBe(at.getTime());
    expect(rows[0]?.data).toEqual({ nested: [1, "two"] });
    expect([...(rows[0]?.bytes ?? [])]).toEqual([0, 255]);
  });

  it("rejects a failing statement with PostgreSQL's code and message, and goes on", async () => {
    const failure = await database.query("INSERT INTO things (name) VALUES ($1)", ["a"]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: "23505", constraint: "things_name_key" });
    expect((failure as Error).message).toMatch(/duplicate key/);
    const text = await database.query("SELECT $1::text", ["nul \u0000 inside"]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((text as { code?: string }).code).toMatch(/^22/);
    expect((await database.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("keeps statements in the order they were posted, so a transaction stays whole", async () => {
    const statements = [
      database.query("BEGIN"),
      database.query("INSERT INTO things (name) VALUES ('in-transaction')"),
      database.query("ROLLBACK"),
      database.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM things WHERE name = 'in-transaction'",
      ),
    ];
    const answers = await Promise.all(statements);
    expect(answers[3]?.rows).toEqual([{ count: 0 }]);
  });

  it("leaves the calling thread free while a statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    try {
      // A statement that keeps PGlite busy for a while (a quarter second or more).
      await database.query("SELECT count(*) FROM generate_series(1, 3000000)");
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
  });

  it("rejects statements after close with a message, and closes once however often asked", async () => {
    const own = await startPgliteWorker(join(folder, "second"));
    await own.query("SELECT 1");
    await Promise.all([own.close(), own.close()]);
    await expect(own.query("SELECT 1")).rejects.toThrow(/embedded database is closed/);
  });

  it("rejects opening a folder PGlite cannot use", async () => {
    const file = join(folder, "not-a-folder");
    await writeFile(file, "plain text");
    // PGlite stops with its own exit status; openPgliteDatabase adds the folder and the fix.
    await expect(startPgliteWorker(file)).rejects.toThrow(/exit/);
  });
});
