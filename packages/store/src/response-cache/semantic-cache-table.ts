import { QuireError } from "@quire/core";
import { sql } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import {
  cacheTime,
  millisecondsOf,
  optionalCacheTime,
  resultJson,
  resultOf,
} from "./cache-row-values.js";
import type {
  CacheEntryFilter,
  SemanticCacheVectorStore,
  SemanticNearestQuery,
  StoredSemanticEntry,
  StoredSemanticMatch,
} from "./response-cache-storage.js";
import type { ResponseCacheDatabase } from "./response-cache-tables.js";
import { maximumVectorDimensions, vectorIndexPlan } from "./vector-index-plan.js";
import type { VectorSupport } from "./vector-support.js";

/** Serializes creating a length's index across servers: "quire" + 3 in ASCII. */
const indexLockKey = "7238473210133238";

/** The embedding as pgvector's text form, refusing what pgvector cannot hold. */
function vectorText(embedding: readonly number[]): { text: string; dimensions: number } {
  const dimensions = embedding.length;
  if (!Array.isArray(embedding) || dimensions < 1 || dimensions > maximumVectorDimensions) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `An embedding must have 1 to ${maximumVectorDimensions} numbers (pgvector's limit); this one has ${dimensions}.`,
      { details: { field: "embedding", dimensions } },
    );
  }
  for (const value of embedding) {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `An embedding holds ${String(value)}: every number must be finite.`,
        { details: { field: "embedding" } },
      );
    }
  }
  return { text: JSON.stringify(embedding), dimensions };
}

interface NearestRow {
  value: unknown;
  model: string;
  prompt: string | null;
  created_at: Date;
  expires_at: Date | null;
  embedding: string;
  similarity: number | string | null;
}

/**
 * The semantic cache in `semantic_cache_entries` with pgvector: the nearest live entry of a
 * scope by cosine distance, through a per-length HNSW index where pgvector has one (with
 * iterative scans, from 0.8, so the scope filter cannot starve the index scan), otherwise an
 * exact scan of the scope's rows.
 */
export class SemanticCacheTable implements SemanticCacheVectorStore {
  private readonly indexedDimensions = new Set<number>();

  constructor(
    private readonly database: ResponseCacheDatabase,
    private readonly support: VectorSupport,
  ) {}

  async nearest(query: SemanticNearestQuery): Promise<StoredSemanticMatch | undefined> {
    const { text, dimensions } = vectorText(query.embedding);
    const plan = vectorIndexPlan(dimensions, this.support);
    const exactType = sql.raw(`vector(${dimensions})`);
    const orderType = sql.raw(`${plan.cast}(${dimensions})`);
    // The length is a literal (a checked integer), so the partial index's predicate is provable.
    const select = sql<NearestRow>`
      SELECT value, model, prompt, created_at, expires_at, embedding::text AS embedding,
             1 - (embedding::${exactType} <=> ${text}::${exactType}) AS similarity
      FROM semantic_cache_entries
      WHERE scope = ${query.scope} AND dimensions = ${sql.lit(dimensions)}
        AND (expires_at IS NULL OR expires_at > ${cacheTime(query.now, "now")})
      ORDER BY embedding::${orderType} <=> ${text}::${orderType}
      LIMIT 1`;
    let row: NearestRow | undefined;
    try {
      if (plan.indexName !== undefined && this.support.iterativeScan) {
        row = await this.database.transaction().execute(async (transaction) => {
          await sql`SET LOCAL hnsw.iterative_scan = strict_order`.execute(transaction);
          return (await select.execute(transaction)).rows[0];
        });
      } else {
        row = (await select.execute(this.database)).rows[0];
      }
    } catch (error) {
      throw translateDatabaseError(error);
    }
    if (row === undefined) return undefined;
    const similarity = Number(row.similarity);
    // NaN (an all-zero vector) is never similar enough.
    if (!(similarity >= query.minSimilarity)) return undefined;
    return {
      similarity,
      entry: {
        scope: query.scope,
        modelId: row.model,
        prompt: row.prompt ?? undefined,
        embedding: JSON.parse(row.embedding) as number[],
        result: resultOf(row.value),
        createdAt: row.created_at.getTime(),
        expiresAt: millisecondsOf(row.expires_at),
      },
    };
  }

  async add(entry: StoredSemanticEntry): Promise<void> {
    const { text, dimensions } = vectorText(entry.embedding);
    const value = resultJson(entry.result);
    const createdAt = cacheTime(entry.createdAt, "createdAt");
    const expiresAt = optionalCacheTime(entry.expiresAt, "expiresAt");
    await this.ensureIndex(dimensions);
    try {
      await sql`
        INSERT INTO semantic_cache_entries
          (scope, model, prompt, dimensions, value, created_at, expires_at, embedding)
        VALUES (${entry.scope}, ${entry.modelId}, ${entry.prompt ?? null}, ${dimensions},
                ${value}::json, ${createdAt}, ${expiresAt}, ${text}::vector)`.execute(
        this.database,
      );
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }

  async delete(filter: CacheEntryFilter): Promise<number> {
    return deleteSemanticEntries(this.database, filter);
  }

  /**
   * Creates the HNSW index for embeddings of this length, once per process (IF NOT EXISTS, under
   * an advisory lock, so servers racing on a new length create it once). A failure leaves exact
   * scans, which are correct, only slower.
   */
  private async ensureIndex(dimensions: number): Promise<void> {
    if (this.indexedDimensions.has(dimensions)) return;
    const plan = vectorIndexPlan(dimensions, this.support);
    this.indexedDimensions.add(dimensions);
    if (plan.indexName === undefined) return;
    const operators = plan.cast === "halfvec" ? "halfvec_cosine_ops" : "vector_cosine_ops";
    try {
      // Checked first: CREATE INDEX IF NOT EXISTS locks the table against writes (SHARE) before
      // it finds the index there, and every server asks at its first write of each length.
      if (await indexExists(this.database, plan.indexName)) return;
      await this.database.transaction().execute(async (transaction) => {
        await sql`SELECT pg_advisory_xact_lock(${indexLockKey}::bigint)`.execute(transaction);
        await sql`
          CREATE INDEX IF NOT EXISTS ${sql.id(plan.indexName ?? "")} ON semantic_cache_entries
          USING hnsw ((embedding::${sql.raw(`${plan.cast}(${dimensions})`)}) ${sql.raw(operators)})
          WHERE dimensions = ${sql.lit(dimensions)}`.execute(transaction);
      });
    } catch {
      // Searches of this length scan the scope's rows exactly instead.
    }
  }
}

async function indexExists(database: ResponseCacheDatabase, name: string): Promise<boolean> {
  // Resolved on the search path, as CREATE INDEX resolves the table (the index is beside it).
  const { rows } = await sql<{ present: boolean }>`
    SELECT to_regclass(${name}::text) IS NOT NULL AS present`.execute(database);
  return rows[0]?.present === true;
}

export async function deleteSemanticEntries(
  database: ResponseCacheDatabase,
  filter: CacheEntryFilter,
): Promise<number> {
  let query = database.deleteFrom("semantic_cache_entries");
  if (filter.prompt !== undefined) query = query.where("prompt", "=", filter.prompt);
  if (filter.modelId !== undefined) query = query.where("model", "=", filter.modelId);
  try {
    return Number((await query.executeTakeFirst()).numDeletedRows);
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
