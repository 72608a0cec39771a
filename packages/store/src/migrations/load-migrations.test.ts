import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadMigrations } from "./load-migrations.js";

describe("loadMigrations", () => {
  let folder = "";
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "quire-migrations-"));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));
  const folderUrl = () => pathToFileURL(`${folder}/`);

  it("reads NNNN_name.sql files in number order with a checksum of each", async () => {
    await writeFile(join(folder, "0002_second.sql"), "SELECT 2;");
    await writeFile(join(folder, "0001_first.sql"), "SELECT 1;");
    await writeFile(join(folder, "README.md"), "not a migration");
    const migrations = await loadMigrations(folderUrl());
    expect(migrations.map((migration) => migration.name)).toEqual(["0001_first", "0002_second"]);
    expect(migrations[0]?.sql).toBe("SELECT 1;");
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(migrations[0]?.checksum).not.toBe(migrations[1]?.checksum);
  });

  it("refuses a badly named file and two files with one number", async () => {
    await writeFile(join(folder, "1_first.sql"), "SELECT 1;");
    await expect(loadMigrations(folderUrl())).rejects.toThrow(/NNNN_lowercase_name\.sql/);
    await rm(join(folder, "1_first.sql"));
    await writeFile(join(folder, "0001_a.sql"), "SELECT 1;");
    await writeFile(join(folder, "0001_b.sql"), "SELECT 1;");
    await expect(loadMigrations(folderUrl())).rejects.toThrow(/share the number 0001/);
  });

  it("finds the package's own migrations from the source tree", async () => {
    const migrations = await loadMigrations();
    expect(migrations[0]?.name).toBe("0001_prompt_registry");
  });
});
