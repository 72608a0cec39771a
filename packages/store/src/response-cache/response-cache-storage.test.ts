import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { Kysely, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { afterEach, describe, expect, it } from "vitest";
import type { StoreSchema } from "../database/database-schema.js";
import { applyMigrations } from "../migrations/apply-migrations.js";
import { loadMigrations } from "../migrations/load-migrations.js";
import { createResponseCacheStorage } from "./create-response-cache-storage.js";
import type { ResponseCacheTables } from "./response-cache-tables.js";
import { vectorIndexPlan } from "./vector-index-plan.js";
import { prepareVectorSupport, vectorSupportOf } from "./vector-support.js";

/** An in-memory PGlite with every migration applied, with or without pgvector loaded. */
async function migratedDatabase(withVector: boolean) {
  const pglite = await PGlite.create(withVector ? { extensions: { vector } } : {});
  await applyMigrations(
    {
      executeScript: async (script) => {
        await pglite.exec(script);
      },
      query: async <Row>(text: string, parameters: unknown[] = []) =>
        (await pglite.query<Row>(text, parameters)).rows,
    },
    await loadMigrations(),
  );
  return new Kysely<StoreSchema>({ dialect: new PGliteDialect(pglite) });
}

let opened: Kysely<StoreSchema> | undefined;
afterEach(async () => {
  await opened?.destroy();
  opened = undefined;
});

describe("pgvector's abilities by version", () => {
  it("knows HNSW from 0.5, halfvec from 0.7 and iterative scans from 0.8", () => {
    expect(vectorSupportOf("0.4.4")).toEqual({
      version: "0.4.4",
      hnsw: false,
      halfvec: false,
      iterativeScan: false,
    });
    expect(vectorSupportOf("0.5.1")).toMatchObject({ hnsw: true, halfvec: false });
    expect(vectorSupportOf("0.7.0")).toMatchObject({ halfvec: true, iterativeScan: false });
    expect(vectorSupportOf("0.8.0")).toMatchObject({ iterativeScan: true });
    expect(vectorSupportOf("1.0")).toMatchObject({ hnsw: true, iterativeScan: true });
  });

  it("indexes up to 2,000 dimensions as vector, up to 4,000 as halfvec, and scans beyond", () => {
    const modern = vectorSupportOf("0.8.0");
    expect(vectorIndexPlan(1_536, modern)).toEqual({
      cast: "vector",
      indexName: "semantic_cache_entries_hnsw_1536",
    });
    expect(vectorIndexPlan(3_072, modern)).toEqual({
      cast: "halfvec",
      indexName: "semantic_cache_entries_hnsw_half_3072",
    });
    expect(vectorIndexPlan(3_072, vectorSupportOf("0.6.0")).indexName).toBeUndefined();
    expect(vectorIndexPlan(8_000, modern).indexName).toBeUndefined();
    expect(vectorIndexPlan(8, vectorSupportOf("0.4.0")).indexName).toBeUndefined();
  });
});

describe("the semantic cache's storage", () => {
  it("without pgvector: reports it unavailable with the reason, and the rest keeps working", async () => {
    opened = await migratedDatabase(false);
    const { storage, stop } = createResponseCacheStorage(opened, { kind: "pglite" });
    const availability = await storage.openSemanticCache();
    expect(availability.available).toBe(false);
    if (!availability.available) expect(availability.reason).toMatch(/vector extension/);
    const now = Date.now();
    await storage.exact.set("k", {
      result: { text: "x", toolCalls: [], finishReason: "stop", modelId: "m/x" },
      modelId: "m/x",
      prompt: "p",
      createdAt: now,
      expiresAt: undefined,
    });
    expect(await storage.invalidate({ modelId: "m/x" })).toEqual({ exact: 1, semantic: 0 });
    await stop();
  });

  it("without pgvector on a PostgreSQL server: says how to install it (Debian 12 has no package)", async () => {
    opened = await migratedDatabase(false);
    const answer = await prepareVectorSupport(opened.withTables<ResponseCacheTables>(), "postgres");
    expect(answer).toEqual({
      available: false,
      reason: expect.stringMatching(/^the PostgreSQL server has no pgvector extension installed/),
    });
    if (answer.available) return;
    expect(answer.reason).toContain("apt.postgresql.org");
    expect(answer.reason).toContain(".ci/install-pgvector.sh");
    expect(answer.reason).toMatch(/restart Quire; the database server needs no restart$/);
  });

  it("with pgvector: enables it, adds the column, and indexes each length with HNSW that searches use", async () => {
    opened = await migratedDatabase(true);
    const { storage, stop } = createResponseCacheStorage(opened, { kind: "pglite" });
    const availability = await storage.openSemanticCache();
    if (!availability.available) throw new Error(availability.reason);
    expect(availability.index).toBe("hnsw");
    const now = Date.now();
    for (let index = 0; index < 400; index += 1) {
      await availability.store.add({
        scope: "many",
        modelId: "m/x",
        prompt: undefined,
        embedding: [1, index / 400, 0],
        result: { text: `${index}`, toolCalls: [], finishReason: "stop", modelId: "m/x" },
        createdAt: now,
        expiresAt: undefined,
      });
    }
    const { rows } = await sql<{ name: string }>`
      SELECT indexname AS name FROM pg_indexes WHERE tablename = 'semantic_cache_entries'
      AND indexname LIKE '%hnsw%'`.execute(opened);
    expect(rows.map((row) => row.name)).toEqual(["semantic_cache_entries_hnsw_3"]);
    // The index matches the searches' expression and predicate, so the planner can use it; at
    // this size it prefers sorting the scope's rows, so sorting is priced out to show that.
    const plan = await opened.transaction().execute(async (transaction) => {
      await sql`SET LOCAL enable_sort = off`.execute(transaction);
      return sql<{ "QUERY PLAN": string }>`
        EXPLAIN SELECT id FROM semantic_cache_entries WHERE scope = 'many' AND dimensions = 3
        ORDER BY embedding::vector(3) <=> '[1,0,0]'::vector(3) LIMIT 1`.execute(transaction);
    });
    expect(plan.rows.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(
      /Index Scan using semantic_cache_entries_hnsw_3/,
    );
    const match = await availability.store.nearest({
      scope: "many",
      embedding: [1, 0.5, 0],
      minSimilarity: 0.9,
      now,
    });
    expect(match?.entry.result.text).toBe("200");
    await stop();
  });

  it("writes no row per hit: hit counts wait in memory until a flush (or the store stops)", async () => {
    opened = await migratedDatabase(false);
    const { storage, stop } = createResponseCacheStorage(opened, {
      kind: "pglite",
      hitFlushIntervalMs: 3_600_000,
    });
    await storage.exact.set("k", {
      result: { text: "x", toolCalls: [], finishReason: "stop", modelId: "m/x" },
      modelId: "m/x",
      prompt: "p",
      createdAt: Date.now(),
      expiresAt: undefined,
    });
    for (let index = 0; index < 5; index += 1) await storage.exact.get("k");
    expect((await storage.entryHits("k"))?.hits).toBe(0);
    await stop();
    const { rows } = await sql<{ hits: number }>`
      SELECT hits FROM response_cache_entries WHERE key = 'k'`.execute(opened);
    expect(Number(rows[0]?.hits)).toBe(5);
  });
});

describe("the exact cache's entries in memory", () => {
  const answer = {
    result: { text: "x", toolCalls: [], finishReason: "stop" as const, modelId: "m/x" },
    modelId: "m/x",
    prompt: "p",
    createdAt: Date.now(),
    expiresAt: undefined,
  };

  it("on PGlite (one writer) serves recent hits without a query, and forgets what invalidate removed", async () => {
    opened = await migratedDatabase(false);
    const { storage, stop } = createResponseCacheStorage(opened, { kind: "pglite" });
    await storage.exact.set("k", answer);
    await sql`DELETE FROM response_cache_entries`.execute(opened);
    // Served from memory: the row was deleted behind the store's back.
    expect(await storage.exact.get("k")).toEqual(answer);
    await storage.exact.set("k", answer);
    expect(await storage.invalidate({ prompt: "p" })).toEqual({ exact: 1, semantic: 0 });
    expect(await storage.exact.get("k")).toBeUndefined();
    await stop();
  });

  it("on PGlite answers a key never written without a query, and finds one a row holds", async () => {
    opened = await migratedDatabase(false);
    await sql`INSERT INTO response_cache_entries (key, value, model, prompt, created_at)
      VALUES ('before', ${JSON.stringify(answer.result)}, 'm/x', 'p', now())`.execute(opened);
    const { storage, stop } = createResponseCacheStorage(opened, { kind: "pglite" });
    expect((await storage.exact.get("before"))?.result.text).toBe("x");
    // A row inserted behind the store's back (no other writer exists on PGlite) is not looked
    // for once the keys are known: the lookup answered from the key set, not the table.
    await sql`INSERT INTO response_cache_entries (key, value, model, prompt, created_at)
      VALUES ('behind', ${JSON.stringify(answer.result)}, 'm/x', 'p', now())`.execute(opened);
    expect(await storage.exact.get("behind")).toBeUndefined();
    await storage.exact.set("new", answer);
    expect(await storage.exact.get("new")).toEqual(answer);
    await stop();
  });

  it("on PGlite serves an answer at once while its row waits for its batch, written by stop", async () => {
    opened = await migratedDatabase(false);
    const database = opened;
    const { storage, stop } = createResponseCacheStorage(database, {
      kind: "pglite",
      writeDelayMs: 60_000,
    });
    const rowCount = async () =>
      (
        await sql<{ count: number }>`
          SELECT count(*)::int AS count FROM response_cache_entries`.execute(database)
      ).rows[0]?.count;
    const written = storage.exact.set("k", answer);
    expect(await storage.exact.get("k")).toEqual(answer);
    expect(await rowCount()).toBe(0);
    await stop();
    await written;
    expect(await rowCount()).toBe(1);
  });

  it("writes the answers of one batch in one statement, and none outlives an invalidate", async () => {
    opened = await migratedDatabase(false);
    const { storage, stop } = createResponseCacheStorage(opened, { kind: "postgres" });
    const writes = ["a", "b", "c"].map((key) => storage.exact.set(key, answer));
    // The invalidation comes while the three answers wait for their batch.
    expect(await storage.invalidate({ prompt: "p" })).toEqual({ exact: 3, semantic: 0 });
    await Promise.all(writes);
    const { rows } = await sql<{ count: number }>`
      SELECT count(*)::int AS count FROM response_cache_entries`.execute(opened);
    expect(rows[0]?.count).toBe(0);
    await stop();
  });

  it("on PostgreSQL (shared by other servers) reads the table every time", async () => {
    opened = await migratedDatabase(false);
    const { storage, stop } = createResponseCacheStorage(opened, { kind: "postgres" });
    await storage.exact.set("k", answer);
    await sql`DELETE FROM response_cache_entries`.execute(opened);
    expect(await storage.exact.get("k")).toBeUndefined();
    await stop();
  });

  it("runs its clean-up on a timer, with planner statistics refreshed on PGlite", async () => {
    const database = await migratedDatabase(false);
    opened = database;
    const { storage, stop } = createResponseCacheStorage(database, {
      kind: "pglite",
      cleanupIntervalMs: 20,
    });
    await storage.exact.set("old", { ...answer, createdAt: 0, expiresAt: 1 });
    const analyzed = async () =>
      (
        await sql<{ analyzed: Date | null }>`
          SELECT last_analyze AS analyzed FROM pg_stat_user_tables
          WHERE relname = 'semantic_cache_entries'`.execute(database)
      ).rows[0]?.analyzed ?? null;
    await expect.poll(analyzed, { timeout: 15_000 }).not.toBeNull();
    // The answer's row may be written after the first clean-up (answers wait for their batch):
    // a later run removes it.
    const remaining = async () =>
      (
        await sql<{ count: number }>`
          SELECT count(*)::int AS count FROM response_cache_entries WHERE key = 'old'`.execute(
          database,
        )
      ).rows[0]?.count;
    await expect.poll(remaining, { timeout: 15_000 }).toBe(0);
    await stop();
  });
});
