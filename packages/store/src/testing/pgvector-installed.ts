import pg from "pg";

/**
 * Whether the PostgreSQL server of `url` has pgvector to enable (`vector` among its available
 * extensions, e.g. Debian's postgresql-15-pgvector installed): suites then expect the semantic
 * cache to work, and otherwise to be reported unavailable.
 */
export async function postgresHasPgvector(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'",
    );
    return rows.length > 0;
  } finally {
    await client.end();
  }
}
