import pg from "pg";

/**
 * The variable saying whether the PostgreSQL suites must find pgvector: `required` (the default
 * under CI) fails them when it is missing, `optional` (the default elsewhere) lets them check the
 * semantic cache's "unavailable" answer instead.
 */
export const pgvectorRequirementVariable = "QUIRE_TEST_PGVECTOR";

/**
 * Whether the PostgreSQL server of `url` has pgvector to enable (`vector` among its available
 * extensions, e.g. built by .ci/install-pgvector.sh): suites then expect the semantic cache to
 * work, and otherwise to be reported unavailable.
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

function pgvectorRequired(environment: NodeJS.ProcessEnv): boolean {
  const setting = environment[pgvectorRequirementVariable];
  if (setting === "required") return true;
  if (setting === "optional") return false;
  if (setting !== undefined && setting !== "") {
    throw new Error(
      `${pgvectorRequirementVariable}=${setting} is not understood: use "required" or "optional".`,
    );
  }
  const ci = environment.CI;
  return ci !== undefined && ci !== "" && ci !== "false";
}

let noticePrinted = false;

/**
 * What the semantic-cache suites on PostgreSQL should expect: true when the server has pgvector.
 * When it does not, under CI (or QUIRE_TEST_PGVECTOR=required) this throws, so the suite fails
 * with the fix instead of quietly testing only the "unavailable" path; elsewhere it prints a
 * notice once and answers false.
 */
export async function pgvectorForTests(url: string): Promise<boolean> {
  return pgvectorExpectation(await postgresHasPgvector(url), new URL(url).host);
}

/** `pgvectorForTests` once the server has answered: `where` names the server in messages. */
export function pgvectorExpectation(
  installed: boolean,
  where: string,
  environment: NodeJS.ProcessEnv = process.env,
): boolean {
  const required = pgvectorRequired(environment);
  if (installed) return true;
  if (required) {
    throw new Error(
      `pgvector is not installed on the PostgreSQL server at ${where}, and these suites must test the semantic cache on it (CI, or ${pgvectorRequirementVariable}=required). Run "bash .ci/install-pgvector.sh" as root on that machine (it builds pgvector from Debian's source package for the installed server; no restart needed), or set ${pgvectorRequirementVariable}=optional to test only the "unavailable" answer.`,
    );
  }
  if (!noticePrinted) {
    noticePrinted = true;
    console.info(
      `notice: pgvector is not installed on the PostgreSQL server at ${where}; the semantic cache suites check only its "unavailable" answer there. Run "bash .ci/install-pgvector.sh" (as root) to test it for real.`,
    );
  }
  return false;
}

/**
 * `pgvectorForTests` for a `beforeAll`: resolves (never rejects) to a check that each test needing
 * pgvector calls, which answers the same or throws the same error. A missing pgvector under CI
 * then fails those tests (counted as failed), where a failing `beforeAll` would leave them
 * reported as skipped, and tests that do not need pgvector still run.
 */
export async function deferredPgvectorCheck(url: string): Promise<() => boolean> {
  try {
    const installed = await pgvectorForTests(url);
    return () => installed;
  } catch (error) {
    return () => {
      throw error;
    };
  }
}
