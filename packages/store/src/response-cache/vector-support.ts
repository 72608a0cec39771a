import { sql } from "kysely";
import type { ResponseCacheDatabase } from "./response-cache-tables.js";

/** What the database's pgvector can do, by its version. */
export interface VectorSupport {
  version: string;
  /** HNSW indexes (pgvector 0.5.0). */
  hnsw: boolean;
  /** `halfvec`, so HNSW indexes of 2,001 to 4,000 dimensions (0.7.0). */
  halfvec: boolean;
  /** `hnsw.iterative_scan`, so a filtered index scan finds matches past `ef_search` (0.8.0). */
  iterativeScan: boolean;
}

export type VectorSupportResult =
  | { available: true; support: VectorSupport }
  | { available: false; reason: string };

export type DatabaseKind = "pglite" | "postgres";

/** Serializes enabling pgvector and adding its column across servers: "quire" + 2 in ASCII. */
const vectorSetupLockKey = "7238473210133237";

function versionAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split(".").map((part) => Number.parseInt(part, 10));
  for (let index = 0; index < minimum.length; index += 1) {
    const have = parts[index] ?? 0;
    const need = minimum[index] ?? 0;
    if (Number.isNaN(have)) return false;
    if (have !== need) return have > need;
  }
  return true;
}

export function vectorSupportOf(version: string): VectorSupport {
  return {
    version,
    hnsw: versionAtLeast(version, [0, 5, 0]),
    halfvec: versionAtLeast(version, [0, 7, 0]),
    iterativeScan: versionAtLeast(version, [0, 8, 0]),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function missingReason(kind: DatabaseKind): string {
  return kind === "pglite"
    ? "the embedded database was opened without PGlite's vector extension (@electric-sql/pglite/vector), so pgvector is not there"
    : "the PostgreSQL server has no pgvector extension installed (no 'vector' in pg_available_extensions). Install pgvector on the database server (the postgresql-<major>-pgvector package from PostgreSQL's apt repository apt.postgresql.org, or from Debian 13 / Ubuntu 24.04 for their own PostgreSQL; Debian 12 has none, so build it: Quire's .ci/install-pgvector.sh builds Debian's source package for the installed server), then restart Quire; the database server needs no restart";
}

/**
 * Makes pgvector usable for the semantic cache: `CREATE EXTENSION IF NOT EXISTS vector` when the
 * server has it but the database does not yet, then the `embedding vector` column of
 * `semantic_cache_entries`. Never throws for a missing or refused extension: the answer says
 * why, in words an operator can act on.
 */
export async function prepareVectorSupport(
  database: ResponseCacheDatabase,
  kind: DatabaseKind,
): Promise<VectorSupportResult> {
  let version: string | undefined;
  try {
    version = await installedVersion(database);
    if (version === undefined) {
      const { rows } = await sql<{ version: string }>`
        SELECT default_version AS version FROM pg_available_extensions WHERE name = 'vector'`.execute(
        database,
      );
      if (rows.length === 0) return { available: false, reason: missingReason(kind) };
      await database.transaction().execute(async (transaction) => {
        await sql`SELECT pg_advisory_xact_lock(${vectorSetupLockKey}::bigint)`.execute(transaction);
        await sql`CREATE EXTENSION IF NOT EXISTS vector`.execute(transaction);
      });
      version = await installedVersion(database);
    }
  } catch (error) {
    return {
      available: false,
      reason: `pgvector is installed on the server but could not be enabled in this database: CREATE EXTENSION vector failed (${messageOf(error)}). Run "CREATE EXTENSION vector;" once in this database as a user allowed to (a superuser, or the database owner where pgvector is trusted), then restart Quire`,
    };
  }
  if (version === undefined) {
    return { available: false, reason: "CREATE EXTENSION vector left no 'vector' extension" };
  }
  try {
    await ensureEmbeddingColumn(database);
  } catch (error) {
    return {
      available: false,
      reason: `could not add the embedding column to semantic_cache_entries (${messageOf(error)})`,
    };
  }
  return { available: true, support: vectorSupportOf(version) };
}

async function installedVersion(database: ResponseCacheDatabase): Promise<string | undefined> {
  const { rows } = await sql<{ version: string }>`
    SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'`.execute(database);
  return rows[0]?.version;
}

async function ensureEmbeddingColumn(database: ResponseCacheDatabase): Promise<void> {
  const hasColumn = async (executor: ResponseCacheDatabase) =>
    (
      await sql<{ present: number }>`
        SELECT 1 AS present FROM pg_attribute
        WHERE attrelid = 'semantic_cache_entries'::regclass AND attname = 'embedding'
          AND NOT attisdropped`.execute(executor)
    ).rows.length > 0;
  // Checked first: ALTER TABLE would take an exclusive lock even when the column exists.
  if (await hasColumn(database)) return;
  await database.transaction().execute(async (transaction) => {
    await sql`SELECT pg_advisory_xact_lock(${vectorSetupLockKey}::bigint)`.execute(transaction);
    if (await hasColumn(transaction)) return;
    await sql`ALTER TABLE semantic_cache_entries ADD COLUMN embedding vector`.execute(transaction);
  });
}
