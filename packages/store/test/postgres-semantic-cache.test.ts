import { randomBytes } from "node:crypto";
import type { GenerateResult } from "@quire/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store, type StoredSemanticEntry } from "../src/index.js";
import { deferredPgvectorCheck } from "../src/testing/index.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "./postgres-test-database.js";

/**
 * What only a real PostgreSQL with pgvector shows (the shared suite runs on both databases):
 * CREATE EXTENSION in a fresh database, HNSW indexes per length (halfvec past 2,000) that the
 * planner can use, servers racing on the extension and an index, and a role that may not create
 * the extension (the reason, then the fix the reason gives).
 */
const adminUrl = postgresTestDatabaseUrl();

function result(text: string): GenerateResult {
  return { text, toolCalls: [], finishReason: "stop", modelId: "m/x" };
}

function entry(scope: string, embedding: number[], text = "answer"): StoredSemanticEntry {
  return {
    scope,
    modelId: "m/x",
    prompt: "semantic/pg",
    embedding,
    result: result(text),
    createdAt: Date.now(),
    expiresAt: undefined,
  };
}

/** `dimensions` numbers, `values` first and small distinct values after (never all zero). */
function vector(dimensions: number, ...values: number[]): number[] {
  return Array.from({ length: dimensions }, (_, index) => values[index] ?? (index % 5) / 100);
}

async function query<Row extends object>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several statements answer one result each: the last one's rows.
    const answer: pg.QueryResult<Row> | pg.QueryResult<Row>[] = await client.query<Row>(text);
    return (Array.isArray(answer) ? answer.at(-1)?.rows : answer.rows) ?? [];
  } finally {
    await client.end();
  }
}

describe.runIf(adminUrl !== undefined)("the semantic cache on PostgreSQL with pgvector", () => {
  const admin = adminUrl ?? "";
  const databases: PostgresTestDatabase[] = [];
  const stores: Store[] = [];
  let vectorInstalled: () => boolean = () => false;
  const open = async (url: string) => {
    const store = await openStore({ databaseUrl: url });
    stores.push(store);
    return store;
  };
  const freshDatabase = async () => {
    const database = await createPostgresTestDatabase(admin);
    databases.push(database);
    return database;
  };

  beforeAll(async () => {
    // Under CI a missing pgvector fails each test, saying to run .ci/install-pgvector.sh.
    vectorInstalled = await deferredPgvectorCheck(admin);
  });
  afterAll(async () => {
    for (const store of stores) await store.close().catch(() => {});
    for (const database of databases) await database.drop();
  });

  it("enables pgvector in a fresh database and indexes each length with HNSW that searches can use (halfvec past 2,000)", async () => {
    const installed = vectorInstalled();
    const database = await freshDatabase();
    const store = await open(database.url);
    const availability = await store.responseCache.openSemanticCache();
    if (!installed) {
      expect(availability).toEqual({ available: false, reason: expect.stringMatching(/pgvector/) });
      return;
    }
    if (!availability.available) throw new Error(availability.reason);
    const [extension] = await query<{ version: string }>(
      database.url,
      "SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'",
    );
    expect(availability).toMatchObject({ vectorVersion: extension?.version, index: "hnsw" });
    for (let index = 0; index < 40; index += 1) {
      await availability.store.add(entry("many", vector(8, 1, index / 40), `${index}`));
    }
    await availability.store.add(entry("wide", vector(3_072, 1), "wide"));
    const indexes = await query<{ name: string; definition: string }>(
      database.url,
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
       WHERE tablename = 'semantic_cache_entries' AND indexname LIKE '%hnsw%' ORDER BY indexname`,
    );
    expect(indexes.map((row) => row.name)).toEqual([
      "semantic_cache_entries_hnsw_8",
      "semantic_cache_entries_hnsw_half_3072",
    ]);
    expect(indexes[0]?.definition).toMatch(
      /USING hnsw .*vector_cosine_ops.*WHERE \(dimensions = 8\)/,
    );
    expect(indexes[1]?.definition).toMatch(/halfvec\(3072\).*halfvec_cosine_ops/);
    // The index matches the searches' expression and predicate; with few rows the planner
    // prefers sorting the scope's rows, so sorting and sequential scans are priced out.
    const plan = await query<{ "QUERY PLAN": string }>(
      database.url,
      `SET enable_sort = off; SET enable_seqscan = off;
       EXPLAIN SELECT id FROM semantic_cache_entries WHERE scope = 'many' AND dimensions = 8
       ORDER BY embedding::vector(8) <=> '${JSON.stringify(vector(8, 1))}'::vector(8) LIMIT 1`,
    );
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(
      /Index Scan using semantic_cache_entries_hnsw_8/,
    );
    const now = Date.now();
    const near = await availability.store.nearest({
      scope: "many",
      embedding: vector(8, 1, 0.5),
      minSimilarity: 0.9,
      now,
    });
    expect(near?.entry.result.text).toBe("20");
    const wide = await availability.store.nearest({
      scope: "wide",
      embedding: vector(3_072, 1),
      minSimilarity: 0.99,
      now,
    });
    // The similarity is computed on the full-precision vectors, not the halfvec index.
    expect(wide?.similarity).toBeCloseTo(1, 6);
    expect(wide?.entry.embedding).toHaveLength(3_072);
  });

  it("finds a scope's entry through the HNSW index among many closer entries of other scopes (iterative scan)", async () => {
    const installed = vectorInstalled();
    if (!installed) return;
    const database = await freshDatabase();
    // Every connection of this store must use the index (small tables would be sorted
    // instead); without an iterative scan, the index's first 40 candidates (ef_search) are all
    // of the crowded scope and the lonely entry is never found.
    await query(
      database.url,
      `ALTER DATABASE ${database.name} SET enable_sort = off;
       ALTER DATABASE ${database.name} SET enable_seqscan = off`,
    );
    const store = await open(database.url);
    const availability = await store.responseCache.openSemanticCache();
    if (!availability.available) throw new Error(availability.reason);
    for (let index = 0; index < 200; index += 1) {
      await availability.store.add(entry("crowded", vector(16, 1, index / 2_000), `${index}`));
    }
    await availability.store.add(entry("lonely", vector(16, 1, 0.3), "lonely"));
    const found = await availability.store.nearest({
      scope: "lonely",
      embedding: vector(16, 1),
      minSimilarity: 0.9,
      now: Date.now(),
    });
    expect(found?.entry.result.text).toBe("lonely");
    const plan = await query<{ "QUERY PLAN": string }>(
      database.url,
      `EXPLAIN SELECT id FROM semantic_cache_entries WHERE scope = 'lonely' AND dimensions = 16
       ORDER BY embedding::vector(16) <=> '${JSON.stringify(vector(16, 1))}'::vector(16) LIMIT 1`,
    );
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(
      /Index Scan using semantic_cache_entries_hnsw_16/,
    );
  });

  it("two servers starting at once enable pgvector once and index a new length once", async () => {
    const installed = vectorInstalled();
    const database = await freshDatabase();
    const [first, second] = await Promise.all([open(database.url), open(database.url)]);
    const [left, right] = await Promise.all([
      first.responseCache.openSemanticCache(),
      second.responseCache.openSemanticCache(),
    ]);
    expect(left.available).toBe(installed);
    expect(right.available).toBe(installed);
    if (!left.available || !right.available) return;
    await Promise.all([
      left.store.add(entry("race", vector(12, 1), "left")),
      right.store.add(entry("race", vector(12, 0, 1), "right")),
    ]);
    const indexes = await query<{ name: string }>(
      database.url,
      "SELECT indexname AS name FROM pg_indexes WHERE indexname LIKE 'semantic_cache_entries_hnsw%'",
    );
    expect(indexes.map((row) => row.name)).toEqual(["semantic_cache_entries_hnsw_12"]);
    const found = await right.store.nearest({
      scope: "race",
      embedding: vector(12, 1),
      minSimilarity: 0.99,
      now: Date.now(),
    });
    expect(found?.entry.result.text).toBe("left");
  });

  it("a role that may not create the extension gets the reason and the fix, and the fix works", async () => {
    const installed = vectorInstalled();
    if (!installed) return;
    const role = `quire_test_role_${randomBytes(5).toString("hex")}`;
    const name = `quire_test_${randomBytes(6).toString("hex")}`;
    await query(admin, `CREATE ROLE ${role} LOGIN`);
    await query(admin, `CREATE DATABASE ${name} OWNER ${role}`);
    const adminOfDatabase = new URL(admin);
    adminOfDatabase.pathname = `/${name}`;
    const asRole = new URL(adminOfDatabase);
    asRole.username = role;
    asRole.password = "";
    try {
      const refused = await openStore({ databaseUrl: asRole.toString() });
      try {
        const availability = await refused.responseCache.openSemanticCache();
        expect(availability).toEqual({
          available: false,
          reason: expect.stringMatching(
            /CREATE EXTENSION vector failed \(permission denied.*superuser/,
          ),
        });
        // The exact cache and invalidation work without it.
        expect(await refused.responseCache.invalidate({})).toEqual({ exact: 0, semantic: 0 });
      } finally {
        await refused.close();
      }
      // The fix the reason gives: a superuser runs CREATE EXTENSION once, then Quire restarts.
      await query(adminOfDatabase.toString(), "CREATE EXTENSION vector");
      const fixed = await openStore({ databaseUrl: asRole.toString() });
      try {
        const availability = await fixed.responseCache.openSemanticCache();
        if (!availability.available) throw new Error(availability.reason);
        await availability.store.add(entry("fixed", vector(8, 1), "fixed"));
        const found = await availability.store.nearest({
          scope: "fixed",
          embedding: vector(8, 1),
          minSimilarity: 0.99,
          now: Date.now(),
        });
        expect(found?.entry.result.text).toBe("fixed");
      } finally {
        await fixed.close();
      }
    } finally {
      await query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await query(admin, `DROP ROLE IF EXISTS ${role}`);
    }
  });
});
