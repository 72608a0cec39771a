import { QuireError } from "@quire/core";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { applyMigrations } from "../migrations/apply-migrations.js";
import type { Migration } from "../migrations/load-migrations.js";
import type { StoreSchema } from "./database-schema.js";
import type { OpenedDatabase } from "./open-pglite-database.js";

export const defaultMaxConnections = 10;

/** Opens a pool on PostgreSQL and applies pending migrations (under an advisory lock). */
export async function openPostgresDatabase(
  databaseUrl: string,
  maxConnections: number,
  migrations: Migration[],
): Promise<OpenedDatabase> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    application_name: "quire",
  });
  pool.on("error", () => {
    // An idle connection died (server restart, network): the pool drops it and opens another.
  });
  try {
    const client = await pool.connect();
    try {
      await applyMigrations(
        {
          executeScript: async (script) => {
            await client.query(script);
          },
          query: async <Row>(text: string, parameters: unknown[] = []) =>
            (await client.query(text, parameters)).rows as Row[],
        },
        migrations,
      );
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof QuireError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new QuireError(
      "UNAVAILABLE",
      `Could not open the PostgreSQL database ${redactPassword(databaseUrl)}: ${reason}. Check the URL (QUIRE_DATABASE_URL), that the server runs, and that the user may create tables.`,
      { details: { databaseUrl: redactPassword(databaseUrl) }, cause: error, retryable: true },
    );
  }
  const database = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  return { database, close: () => database.destroy() };
}

/** The URL with its password replaced, fit for messages and logs. */
export function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    return "(an unparseable URL)";
  }
}
