import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { QuireError } from "@quire/core";

export interface Migration {
  /** File name without `.sql`, e.g. `0001_prompt_registry`. */
  name: string;
  sql: string;
  /** SHA-256 of the file, so that editing an applied migration is noticed. */
  checksum: string;
}

const migrationFilePattern = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The package's `migrations/` folder; the same relative path works from `src/` and `dist/`. */
export const defaultMigrationsFolder = new URL("../../migrations/", import.meta.url);

/** Reads `NNNN_name.sql` files in order of their number. */
export async function loadMigrations(folder: URL = defaultMigrationsFolder): Promise<Migration[]> {
  const fileNames = (await readdir(folder)).filter((fileName) => fileName.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  const seenNumbers = new Set<string>();
  for (const fileName of fileNames) {
    const match = migrationFilePattern.exec(fileName);
    if (match === null) {
      throw new QuireError(
        "CONFIG_INVALID",
        `Migration file ${fileName} in ${folder.pathname} is not named NNNN_lowercase_name.sql; rename it.`,
        { details: { fileName } },
      );
    }
    const number = match[1] ?? "";
    if (seenNumbers.has(number)) {
      throw new QuireError(
        "CONFIG_INVALID",
        `Two migration files in ${folder.pathname} share the number ${number}; give ${fileName} the next free number.`,
        { details: { fileName, number } },
      );
    }
    seenNumbers.add(number);
    const sql = await readFile(new URL(fileName, folder), "utf8");
    migrations.push({
      name: fileName.slice(0, -".sql".length),
      sql,
      checksum: createHash("sha256").update(sql).digest("hex"),
    });
  }
  return migrations;
}
