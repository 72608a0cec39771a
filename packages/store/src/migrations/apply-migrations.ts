import { QuireError } from "@quire/core";
import type { Migration } from "./load-migrations.js";

/** A single database session on which multi-statement scripts can run. */
export interface MigrationSession {
  /** Runs a script that may hold several statements and no parameters. */
  executeScript(script: string): Promise<void>;
  query<Row>(text: string, parameters?: unknown[]): Promise<Row[]>;
}

/** Any constant will do as long as nothing else uses it: "quire" in ASCII, as one bigint. */
const migrationLockKey = "7238473210133235";

export interface AppliedMigrations {
  applied: string[];
}

/**
 * Applies the migrations the database has not seen, in order, each in its own transaction, and
 * records each in `quire_migrations`. A session-level advisory lock makes concurrent openers
 * (several servers starting at once on one PostgreSQL) wait for each other instead of racing.
 */
export async function applyMigrations(
  session: MigrationSession,
  migrations: Migration[],
): Promise<AppliedMigrations> {
  await session.query("SELECT pg_advisory_lock($1::bigint)", [migrationLockKey]);
  try {
    await session.executeScript(`CREATE TABLE IF NOT EXISTS quire_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await session.query<{ name: string; checksum: string }>(
      "SELECT name, checksum FROM quire_migrations ORDER BY name",
    );
    const appliedChecksums = new Map(rows.map((row) => [row.name, row.checksum]));
    checkHistory(appliedChecksums, migrations);

    const applied: string[] = [];
    for (const migration of migrations) {
      if (appliedChecksums.has(migration.name)) continue;
      await applyOne(session, migration);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await session.query("SELECT pg_advisory_unlock($1::bigint)", [migrationLockKey]);
  }
}

function checkHistory(appliedChecksums: Map<string, string>, migrations: Migration[]): void {
  const known = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const [name, checksum] of appliedChecksums) {
    const migration = known.get(name);
    if (migration === undefined) {
      throw new QuireError(
        "CONFIG_INVALID",
        `The database has migration ${name} applied, which this version of Quire does not know: it was written by a newer Quire. Upgrade Quire, or point it at another database.`,
        { details: { migration: name } },
      );
    }
    if (migration.checksum !== checksum) {
      throw new QuireError(
        "CONFIG_INVALID",
        `Migration ${name} was changed after it was applied to this database. Restore the original file and put the change in a new migration.`,
        {
          details: { migration: name, appliedChecksum: checksum, fileChecksum: migration.checksum },
        },
      );
    }
  }
}

async function applyOne(session: MigrationSession, migration: Migration): Promise<void> {
  await session.executeScript("BEGIN");
  try {
    await session.executeScript(migration.sql);
    await session.query("INSERT INTO quire_migrations (name, checksum) VALUES ($1, $2)", [
      migration.name,
      migration.checksum,
    ]);
    await session.executeScript("COMMIT");
  } catch (error) {
    await session.executeScript("ROLLBACK").catch(() => {
      // The session is gone (the server went away); the transaction died with it.
    });
    const reason = error instanceof Error ? error.message : String(error);
    throw new QuireError(
      "INTERNAL",
      `Migration ${migration.name} failed and was rolled back: ${reason}. The database is as it was before this migration.`,
      { details: { migration: migration.name }, cause: error },
    );
  }
}
