import type { GenerateResult } from "@quire/core";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  ResponseCacheStorage,
  SemanticCacheAvailability,
  SemanticCacheVectorStore,
  StoredSemanticEntry,
} from "../src/index.js";

interface SemanticSuiteContext {
  storage(): ResponseCacheStorage;
  unique(stem: string): string;
  vectorInstalled(): Promise<boolean>;
}

function result(text: string): GenerateResult {
  return { text, toolCalls: [], finishReason: "stop", modelId: "local/echo" };
}

/** A vector of `dimensions` with `values` first and zeros after. */
function vector(dimensions: number, ...values: number[]): number[] {
  return Array.from({ length: dimensions }, (_, index) => values[index] ?? 0);
}

function cosine(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  left.forEach((value, index) => {
    const other = right[index] ?? 0;
    dot += value * other;
    leftNorm += value * value;
    rightNorm += other * other;
  });
  return dot / Math.sqrt(leftNorm * rightNorm);
}

/**
 * The semantic cache's storage: with pgvector, nearest-by-cosine per scope, threshold, expiry,
 * invalidation; without it, a clear "unavailable" and nothing else. Each test asserts one or the
 * other, by what the database has.
 */
export function registerSemanticCacheTests(context: SemanticSuiteContext): void {
  let availability: SemanticCacheAvailability | undefined;
  let installed = false;
  // Under CI a missing pgvector throws (run .ci/install-pgvector.sh): kept for each test to
  // throw, so they count as failed rather than skipped after a failed beforeAll.
  let installationError: unknown;
  beforeAll(async () => {
    installed = await context.vectorInstalled().catch((error: unknown) => {
      installationError = error;
      return false;
    });
    availability = await context.storage().openSemanticCache();
  });

  /** The store when pgvector is there; otherwise checks the unavailable answer and gives undefined. */
  const semanticStore = (): SemanticCacheVectorStore | undefined => {
    if (installationError !== undefined) throw installationError;
    if (availability === undefined) throw new Error("openSemanticCache did not answer");
    if (installed) {
      if (!availability.available) throw new Error(`expected pgvector: ${availability.reason}`);
      return availability.store;
    }
    expect(availability).toEqual({
      available: false,
      reason: expect.stringMatching(/pgvector/),
    });
    return undefined;
  };

  const entry = (
    scope: string,
    embedding: number[],
    overrides: Partial<StoredSemanticEntry> = {},
  ): StoredSemanticEntry => ({
    scope,
    modelId: "local/echo",
    prompt: "semantic/default",
    embedding,
    result: result(`answer for ${JSON.stringify(embedding.slice(0, 3))}`),
    createdAt: Date.now(),
    expiresAt: Date.now() + 60_000,
    ...overrides,
  });

  describe("semantic cache", () => {
    it("is available exactly when the database has pgvector, and says why not otherwise", async () => {
      const store = semanticStore();
      if (store !== undefined && availability?.available === true) {
        expect(availability.vectorVersion).toMatch(/^\d+\.\d+/);
        expect(["hnsw", "exact"]).toContain(availability.index);
      }
      // Asking again gives the same answer (prepared once).
      expect(await context.storage().openSemanticCache()).toBe(availability);
    });

    it("serves the most similar live entry of the scope at or above the threshold", async () => {
      const store = semanticStore();
      if (store === undefined) return;
      const scope = context.unique("scope");
      const near = vector(8, 1, 0.1);
      const nearer = vector(8, 1, 0.05);
      await store.add(entry(scope, near, { result: result("near") }));
      await store.add(entry(scope, nearer, { result: result("nearer") }));
      await store.add(entry(scope, vector(8, 0, 1), { result: result("far") }));
      const query = vector(8, 1);
      const match = await store.nearest({
        scope,
        embedding: query,
        minSimilarity: 0.95,
        now: Date.now(),
      });
      expect(match?.entry.result.text).toBe("nearer");
      expect(match?.similarity).toBeCloseTo(cosine(query, nearer), 5);
      expect(match?.entry.embedding).toEqual(nearer);
      expect(match?.entry.scope).toBe(scope);
      // Below the threshold: nothing, although the nearest is 0.9988 similar.
      expect(
        await store.nearest({ scope, embedding: query, minSimilarity: 0.9995, now: Date.now() }),
      ).toBeUndefined();
    });

    it("compares only entries of the same scope (model, prompt, parameters) and length", async () => {
      const store = semanticStore();
      if (store === undefined) return;
      const scope = context.unique("scope");
      const otherScope = context.unique("scope");
      await store.add(entry(otherScope, vector(8, 1)));
      await store.add(entry(scope, vector(4, 1)));
      const query = { embedding: vector(8, 1), minSimilarity: 0.5, now: Date.now() };
      expect(await store.nearest({ ...query, scope })).toBeUndefined();
      expect((await store.nearest({ ...query, scope: otherScope }))?.similarity).toBeCloseTo(1, 6);
    });

    it("finds a scope's entry among many closer entries of another scope", async () => {
      const store = semanticStore();
      if (store === undefined) return;
      const crowded = context.unique("crowded");
      const lonely = context.unique("lonely");
      for (let index = 0; index < 120; index += 1) {
        await store.add(entry(crowded, vector(16, 1, index / 1_000, (index % 7) / 1_000)));
      }
      await store.add(entry(lonely, vector(16, 1, 0.2), { result: result("lonely") }));
      const match = await store.nearest({
        scope: lonely,
        embedding: vector(16, 1),
        minSimilarity: 0.95,
        now: Date.now(),
      });
      expect(match?.entry.result.text).toBe("lonely");
    });

    it("skips expired entries and never matches an all-zero vector", async () => {
      const store = semanticStore();
      if (store === undefined) return;
      const scope = context.unique("scope");
      const now = Date.now();
      await store.add(entry(scope, vector(8, 1), { createdAt: now - 10, expiresAt: now + 100 }));
      const query = { scope, embedding: vector(8, 1), minSimilarity: 0.9 };
      expect(await store.nearest({ ...query, now })).toBeDefined();
      expect(await store.nearest({ ...query, now: now + 100 })).toBeUndefined();
      expect(await store.nearest({ ...query, embedding: vector(8), now })).toBeUndefined();
    });

    it("deletes by prompt and by model, with the exact cache through invalidate", async () => {
      const store = semanticStore();
      const prompt = context.unique("semantic/p");
      const scope = context.unique("scope");
      if (store !== undefined) {
        await store.add(entry(scope, vector(8, 1), { prompt, modelId: "local/one" }));
        await store.add(entry(scope, vector(8, 0, 1), { prompt, modelId: "local/two" }));
        expect(await store.delete({ prompt, modelId: "local/one" })).toBe(1);
        await store.add(entry(scope, vector(8, 1, 1), { prompt, modelId: "local/one" }));
      }
      await context.storage().exact.set(context.unique("k"), {
        result: result("x"),
        modelId: "local/one",
        prompt,
        createdAt: Date.now(),
        expiresAt: undefined,
      });
      expect(await context.storage().invalidate({ prompt })).toEqual({
        exact: 1,
        semantic: store === undefined ? 0 : 2,
      });
      if (store !== undefined) {
        const query = { scope, embedding: vector(8, 1), minSimilarity: -1, now: Date.now() };
        expect(await store.nearest(query)).toBeUndefined();
      }
    });

    it("refuses an empty or non-finite embedding", async () => {
      const store = semanticStore();
      if (store === undefined) return;
      const scope = context.unique("scope");
      await expect(store.add(entry(scope, []))).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
      });
      await expect(
        store.nearest({ scope, embedding: [1, Number.NaN], minSimilarity: 0, now: Date.now() }),
      ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    });
  });
}
