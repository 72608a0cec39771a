import { randomBytes } from "node:crypto";
import pg from "pg";

/** The variable naming the PostgreSQL server that tests may create databases on. */
export const postgresTestUrlVariable = "QUIRE_TEST_DATABASE_URL";

/**
 * The admin URL of the test PostgreSQL server (e.g. `postgres://postgres@127.0.0.1:5432/postgres`),
 * or undefined when none is configured, after printing a notice that PostgreSQL suites are
 * skipped. Under CI (`CI` set) a missing URL throws instead: CI must run them.
 *
 * Use it to gate a suite: `describe.runIf(postgresTestDatabaseUrl() !== undefined)(...)`.
 */
export function postgresTestDatabaseUrl(): string | undefined {
  const url = process.env[postgresTestUrlVariable];
  if (url !== undefined && url !== "") return url;
  if (process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false") {
    throw new Error(
      `${postgresTestUrlVariable} is not set, and CI must run the PostgreSQL suites. Start PostgreSQL and set ${postgresTestUrlVariable}=postgres://postgres@127.0.0.1:5432/postgres.`,
    );
  }
  console.info(
    `notice: ${postgresTestUrlVariable} is not set; skipping PostgreSQL suites. Set it (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them.`,
  );
  return undefined;
}

export interface PostgresTestDatabase {
  /** Connection URL of the fresh database. */
  url: string;
  name: string;
  /** Drops the database, closing whatever connections remain on it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database `quire_test_<random>` on the server of `adminUrl`, so that each test
 * file works on its own database; drop it in `afterAll`.
 */
export async function createPostgresTestDatabase(adminUrl: string): Promise<PostgresTestDatabase> {
  const name = `quire_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ),
  };
}

async function withAdminClient(
  adminUrl: string,
  work: (client: pg.Client) => Promise<unknown>,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
