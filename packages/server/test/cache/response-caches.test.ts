import type { ChatMessage, EmbeddingModel, GenerateRequest, ModelInfo } from "@quire/core";
import { cosineSimilarity, semanticCacheText } from "@quire/llm";
import { createFakeClock, deterministicEmbedding, stubLanguageModel } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createResponseCaches,
  type ResponseCaches,
} from "../../src/cache/create-response-caches.js";
import type { ModelCache } from "../../src/runs/model-cache.js";
import { cacheBackends, type OpenedCacheBackend } from "./cache-backends.js";

const pricedTable: ModelInfo[] = [
  {
    name: "priced",
    provider: "test",
    contextWindow: 8_000,
    maxOutputTokens: 1_000,
    // Dollars per million tokens: 100 input tokens cost $0.0001, 50 output tokens $0.0001.
    price: { input: 1, output: 2 },
  },
];
const usage = { inputTokens: 100, outputTokens: 50 };

function user(text: string): ChatMessage[] {
  return [{ role: "user", content: [{ type: "text", text }] }];
}

function request(text: string, temperature = 0): GenerateRequest {
  return { messages: user(text), temperature };
}

const embeddingModel: EmbeddingModel = {
  modelId: "test/embed",
  embed: async (texts) => texts.map((text) => deterministicEmbedding(text, 64)),
};

/** Cosine similarity of two prompts as the semantic cache embeds them. */
function similarityOf(left: string, right: string): number {
  return cosineSimilarity(
    deterministicEmbedding(semanticCacheText(user(left)), 64),
    deterministicEmbedding(semanticCacheText(user(right)), 64),
  );
}

const question =
  "Summarize the attached quarterly report for the board in three short bullet points covering revenue growth costs hiring plans risks and the outlook for next quarter";
const closeQuestion = `${question} thanks`;
const otherQuestion = "Translate the following sentence into French and keep the formal tone";

let run = 0;
const uniquePrompt = (stem: string) => {
  run += 1;
  return `cache-test/${stem}-${run}-${Math.random().toString(16).slice(2, 8)}`;
};

for (const backend of cacheBackends()) {
  describe(`response caches on ${backend.name}`, () => {
    let opened: OpenedCacheBackend;
    const created: ResponseCaches[] = [];
    const caches = async (
      options: Parameters<typeof createResponseCaches>[1] & {
        store?: Parameters<typeof createResponseCaches>[0];
      } = {},
    ) => {
      const { store = opened.store, ...cacheOptions } = options;
      const made = await createResponseCaches(store, {
        modelTable: pricedTable,
        statisticsFlushIntervalMs: 3_600_000,
        ...cacheOptions,
      });
      created.push(made);
      return made;
    };

    beforeAll(async () => {
      opened = await backend.open();
    });
    afterAll(async () => {
      for (const made of created) await made.close();
      await opened?.close();
    });

    it("serves a temperature-0 answer from the database, and persists hits, misses, skips and what hits saved", async () => {
      const prompt = uniquePrompt("exact");
      const cache = await caches();
      const model = stubLanguageModel("test/priced", [{ text: "the answer", usage }]);
      expect((await cache.exact.generate(model, request("hi"), { prompt })).cacheHit).toBe(false);
      const hit = await cache.exact.generate(model, request("hi"), { prompt });
      expect(hit).toMatchObject({ cacheHit: true, text: "the answer", usage });
      await cache.exact.generate(model, request("hi", 0.7), { prompt });
      expect(model.calls).toHaveLength(2);
      const statistics = await cache.statistics({ prompt });
      expect(statistics.items).toHaveLength(1);
      expect(statistics.items[0]).toMatchObject({
        prompt,
        hits: 1,
        misses: 1,
        skipped: 1,
        hitRate: 0.5,
        savedInputTokens: 100,
        savedOutputTokens: 50,
        unpricedHits: 0,
      });
      expect(statistics.items[0]?.savedCostUsd).toBeCloseTo(0.0002, 10);
      expect(statistics.totals.hits).toBe(1);
    });

    it("shares answers and sums statistics between two servers on one database", async () => {
      const prompt = uniquePrompt("shared");
      const first = await caches();
      const second = await caches();
      const firstModel = stubLanguageModel("test/unpriced", [{ text: "from the first", usage }]);
      const secondModel = stubLanguageModel("test/unpriced", [{ text: "never called" }]);
      await first.exact.generate(firstModel, request("shared question"), { prompt });
      // The answer is written behind the reply; once written, every server reads it.
      await first.flush();
      const hit = await second.exact.generate(secondModel, request("shared question"), { prompt });
      expect(hit).toMatchObject({ cacheHit: true, text: "from the first" });
      expect(secondModel.calls).toHaveLength(0);
      await first.flush();
      const [row] = (await second.statistics({ prompt })).items;
      expect(row).toMatchObject({ hits: 1, misses: 1, unpricedHits: 1, savedCostUsd: 0 });
    });

    it("stops serving an answer when its TTL ends, on the caches' clock", async () => {
      const prompt = uniquePrompt("ttl");
      const clock = createFakeClock({ start: Date.now() });
      const cache = await caches({ ttlMs: 1_000, clock });
      const model = stubLanguageModel("test/priced", [{ text: "first" }, { text: "second" }]);
      await cache.exact.generate(model, request("ttl"), { prompt });
      await clock.advance(999);
      expect((await cache.exact.generate(model, request("ttl"), { prompt })).text).toBe("first");
      await clock.advance(1);
      const expired = await cache.exact.generate(model, request("ttl"), { prompt });
      expect(expired).toMatchObject({ cacheHit: false, text: "second" });
    });

    it("replays a cached stream and counts streamed hits and misses", async () => {
      const prompt = uniquePrompt("stream");
      const cache = await caches();
      const model = stubLanguageModel("test/priced", [{ text: "streamed words here", usage }]);
      const collect = async () => {
        let text = "";
        let cacheHit: unknown;
        for await (const part of cache.exact.stream(model, request("stream me"), { prompt })) {
          if (part.type === "text-delta") text += part.text;
          else cacheHit = (part.result as { cacheHit?: boolean }).cacheHit;
        }
        return { text, cacheHit };
      };
      expect(await collect()).toEqual({ text: "streamed words here", cacheHit: false });
      expect(await collect()).toEqual({ text: "streamed words here", cacheHit: true });
      expect(model.calls).toHaveLength(1);
      const [row] = (await cache.statistics({ prompt })).items;
      expect(row).toMatchObject({ hits: 1, misses: 1, savedOutputTokens: 50 });
    });

    it("invalidates by prompt, by model, by both, and all", async () => {
      const cache = await caches();
      const prompts = [uniquePrompt("inv-a"), uniquePrompt("inv-b")];
      const models = [
        stubLanguageModel("test/one", [{ text: "1" }]),
        stubLanguageModel("test/two", [{ text: "2" }]),
      ];
      const fill = async () => {
        for (const prompt of prompts) {
          for (const model of models) await cache.exact.generate(model, request("q"), { prompt });
        }
      };
      const cached = async (prompt: string | undefined, modelIndex: number) => {
        const model = models[modelIndex];
        if (model === undefined || prompt === undefined) throw new Error("no such model");
        const before = model.calls.length;
        await cache.exact.generate(model, request("q"), { prompt });
        return model.calls.length === before;
      };
      await fill();
      expect(await cache.invalidate({ prompt: prompts[0], modelId: "test/one" })).toEqual({
        exact: 1,
        semantic: 0,
      });
      expect(await cached(prompts[0], 1)).toBe(true);
      expect(await cache.invalidate({ prompt: prompts[0] })).toMatchObject({ exact: 1 });
      expect(await cache.invalidate({ modelId: "test/two" })).toMatchObject({ exact: 1 });
      expect(await cached(prompts[1], 0)).toBe(true);
      expect((await cache.invalidate({})).exact).toBeGreaterThanOrEqual(1);
      expect(await cached(prompts[1], 0)).toBe(false);
    });

    it("closes without failing when its counts cannot be written, saying so", async () => {
      const warnings: string[] = [];
      const broken = await createResponseCaches(
        {
          responseCache: {
            ...opened.store.responseCache,
            addStatistics: async () => {
              throw new Error("database gone");
            },
          },
        },
        { logger: { info: () => {}, warn: (message) => warnings.push(message) } },
      );
      const model = stubLanguageModel("test/priced", [{ text: "a" }]);
      await broken.exact.generate(model, request("close me"), { prompt: uniquePrompt("close") });
      await broken.close();
      expect(warnings).toEqual([expect.stringMatching(/not written at shutdown: database gone/)]);
    });

    it("without an embedding model, the semantic cache is off and says so", async () => {
      const cache = await caches();
      expect(cache.semantic).toBeUndefined();
      expect(cache.semanticStatus).toEqual({
        enabled: false,
        reason: "no embedding model is configured for the semantic cache",
        threshold: null,
        vectorVersion: null,
      });
    });

    it("serves similar prompts of the same model at the threshold, or is off with the reason logged", async () => {
      expect(similarityOf(question, closeQuestion)).toBeGreaterThanOrEqual(0.95);
      expect(similarityOf(question, otherQuestion)).toBeLessThan(0.95);
      const warnings: string[] = [];
      const logger = { info: () => {}, warn: (message: string) => warnings.push(message) };
      const cache = await caches({ semantic: { embeddingModel }, logger });
      if (!opened.vectorInstalled()) {
        expect(cache.semantic).toBeUndefined();
        expect(cache.semanticStatus.enabled).toBe(false);
        expect(cache.semanticStatus.reason).toMatch(/pgvector/);
        expect(warnings).toEqual([
          expect.stringMatching(/^Semantic response cache is off: .*pgvector/),
        ]);
        expect((await cache.statistics()).semanticCache.enabled).toBe(false);
        return;
      }
      const semantic = cache.semantic;
      if (semantic === undefined)
        throw new Error(`semantic cache off: ${cache.semanticStatus.reason}`);
      expect(cache.semanticStatus).toMatchObject({ enabled: true, threshold: 0.95 });
      const prompt = uniquePrompt("semantic");
      const modelX = stubLanguageModel("test/x", [
        { text: "x answer", usage },
        { text: "x again" },
      ]);
      const modelY = stubLanguageModel("test/y", [{ text: "y answer" }]);
      expect((await semantic.generate(modelX, request(question), { prompt })).cacheHit).toBe(false);
      const hit = await semantic.generate(modelX, request(closeQuestion), { prompt });
      expect(hit).toMatchObject({ cacheHit: true, text: "x answer" });
      expect(hit.similarity).toBeCloseTo(similarityOf(question, closeQuestion), 5);
      const far = await semantic.generate(modelX, request(otherQuestion), { prompt });
      expect(far).toMatchObject({ cacheHit: false, text: "x again" });
      // Another model never reuses model x's answer, however similar the prompt.
      const otherModel = await semantic.generate(modelY, request(closeQuestion), { prompt });
      expect(otherModel).toMatchObject({ cacheHit: false, text: "y answer" });
      const [row] = (await cache.statistics({ prompt })).items;
      expect(row).toMatchObject({ semanticHits: 1, semanticMisses: 3, savedInputTokens: 100 });
      expect(await cache.invalidate({ prompt, modelId: "test/x" })).toEqual({
        exact: 0,
        semantic: 2,
      });
    });

    it("when the database cannot have pgvector, starts with the semantic cache off, logging why and that the exact cache works", async () => {
      const warnings: string[] = [];
      const reason = "the PostgreSQL server has no pgvector extension installed (stand-in)";
      const cache = await caches({
        semantic: { embeddingModel },
        logger: { info: () => {}, warn: (message: string) => warnings.push(message) },
        store: {
          responseCache: {
            ...opened.store.responseCache,
            openSemanticCache: async () => ({ available: false, reason }),
          },
        },
      });
      expect(cache.semantic).toBeUndefined();
      expect(warnings).toEqual([
        `Semantic response cache is off: ${reason}. The exact cache works as usual.`,
      ]);
      expect((await cache.statistics()).semanticCache).toEqual({
        enabled: false,
        reason,
        threshold: null,
        vectorVersion: null,
      });
      const prompt = uniquePrompt("no-vector");
      const model = stubLanguageModel("test/priced", [{ text: "exact still" }]);
      const wrapped = cache.modelCache.wrap(model, { prompt });
      await wrapped.generate(request(question));
      expect(await wrapped.generate(request(question))).toMatchObject({ cacheHit: true });
    });

    it("layers the exact cache over the semantic cache for runs: identical requests skip the embedding", async () => {
      const embedded: string[] = [];
      const countingEmbedding: EmbeddingModel = {
        modelId: "test/embed",
        embed: async (texts) => {
          embedded.push(...texts);
          return texts.map((text) => deterministicEmbedding(text, 64));
        },
      };
      const cache = await caches({ semantic: { embeddingModel: countingEmbedding } });
      const prompt = uniquePrompt("layered");
      const model = stubLanguageModel("test/layered", [
        { text: "first", usage },
        { text: "second" },
      ]);
      // What the run service takes as its cache (checked by the typecheck).
      expectTypeOf(cache.modelCache).toExtend<ModelCache>();
      const wrapped = cache.modelCache.wrap(model, { prompt });
      expect(await wrapped.generate(request(question))).toMatchObject({ cacheHit: false });
      const identical = await wrapped.generate(request(question));
      expect(identical).toMatchObject({ cacheHit: true, text: "first" });
      expect(identical).not.toHaveProperty("similarity");
      const similar = await wrapped.generate(request(closeQuestion));
      if (opened.vectorInstalled()) {
        expect(similar).toMatchObject({ cacheHit: true, text: "first" });
        expect((similar as { similarity?: number }).similarity).toBeGreaterThanOrEqual(0.95);
        expect(embedded).toHaveLength(2);
        // The similar request's answer is now an exact entry too: no embedding the next time.
        expect(await wrapped.generate(request(closeQuestion))).toMatchObject({ cacheHit: true });
        expect(embedded).toHaveLength(2);
        expect(model.calls).toHaveLength(1);
      } else {
        expect(similar).toMatchObject({ cacheHit: false, text: "second" });
        expect(embedded).toHaveLength(0);
      }
    });
  });
}
