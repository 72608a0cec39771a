import type { GenerateResult } from "@quire/core";
import { MemorySemanticCacheStore, type SemanticCacheStore } from "@quire/llm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asSemanticCacheStore } from "../../src/cache/store-shapes.js";
import { cacheBackends, type OpenedCacheBackend } from "./cache-backends.js";

function result(text: string): GenerateResult {
  return { text, toolCalls: [], finishReason: "stop", modelId: "test/x" };
}

const component = fc.integer({ min: -4, max: 4 });
/**
 * All-zero vectors are left out: the reference gives them similarity 0 (served when the
 * threshold is 0 or less), pgvector a NaN distance that never matches. Embedding models do not
 * produce them, and a threshold is above 0 in practice.
 */
const vectorArbitrary = fc
  .array(component, { minLength: 4, maxLength: 4 })
  .filter((vector) => vector.some((value) => value !== 0));
const entryArbitrary = fc.record({
  scope: fc.constantFrom("a", "b"),
  embedding: vectorArbitrary,
  expiresIn: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
});

for (const backend of cacheBackends()) {
  describe(`the pgvector semantic store on ${backend.name} answers as llm's in-memory reference does`, () => {
    let opened: OpenedCacheBackend;
    let database: SemanticCacheStore | undefined;
    let reason = "";
    beforeAll(async () => {
      opened = await backend.open();
      const availability = await opened.store.responseCache.openSemanticCache();
      if (availability.available) database = asSemanticCacheStore(availability.store);
      else reason = availability.reason;
    });
    afterAll(() => opened?.close());

    it("nearest: same match (or none), same similarity, for any entries, query and threshold", async () => {
      // On PostgreSQL without pgvector this fails under CI (run .ci/install-pgvector.sh).
      const installed = opened.vectorInstalled();
      if (database === undefined) {
        if (installed) throw new Error(reason);
        return; // PostgreSQL without pgvector, allowed outside CI (a notice was printed)
      }
      const store = database;
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(entryArbitrary, { maxLength: 12 }),
          vectorArbitrary,
          fc.constantFrom("a", "b"),
          fc.double({ min: -1, max: 1, noNaN: true }),
          async (entries, query, scope, minSimilarity) => {
            run += 1;
            const reference = new MemorySemanticCacheStore();
            const now = 1_000_000;
            for (const [index, generated] of entries.entries()) {
              const entry = {
                scope: `parity-${run}-${generated.scope}`,
                modelId: "test/x",
                prompt: undefined,
                embedding: generated.embedding,
                result: result(`entry ${index}`),
                createdAt: now - 10,
                expiresAt:
                  generated.expiresIn === undefined ? undefined : now + generated.expiresIn,
              };
              await reference.add(entry);
              await store.add(entry);
            }
            const search = {
              scope: `parity-${run}-${scope}`,
              embedding: query,
              minSimilarity,
              now,
            };
            const expected = await reference.nearest(search);
            const actual = await store.nearest(search);
            // Single precision in the database: a similarity within 1e-6 of the threshold may
            // fall either side.
            fc.pre(expected === undefined || Math.abs(expected.similarity - minSimilarity) > 1e-6);
            expect(actual === undefined).toBe(expected === undefined);
            if (expected !== undefined && actual !== undefined) {
              expect(actual.similarity).toBeCloseTo(expected.similarity, 6);
              // Ties may pick either entry; both must be that similar.
              expect(actual.entry.scope).toBe(search.scope);
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  });
}
