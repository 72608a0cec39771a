import type { EmbeddingModel, GenerateRequest } from "@quire/core";
import { describe, expect, test } from "vitest";
import { deterministicEmbedding } from "../testing/deterministic-embedding.js";
import { createFakeClock } from "../testing/fake-clock.js";
import { stubLanguageModel } from "../testing/stub-language-model.js";
import { MemorySemanticCacheStore } from "./memory-semantic-cache-store.js";
import { SemanticCache, semanticCacheText } from "./semantic-cache.js";
import { cosineSimilarity } from "./semantic-cache-store.js";

const embeddings: EmbeddingModel = {
  modelId: "test/embed",
  embed: async (texts) => texts.map((text) => deterministicEmbedding(text, 256)),
};
const ask = (text: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  messages: [{ role: "user", content: [{ type: "text", text }] }],
  temperature: 0,
  ...extra,
});
const long =
  "please summarise the following support ticket about a refund for a broken kettle that arrived late and damaged in the post";

describe("SemanticCache", () => {
  test("a close enough prompt is served from the cache; a different one is not", async () => {
    const store = new MemorySemanticCacheStore();
    const cache = new SemanticCache({ embeddingModel: embeddings, store });
    const model = stubLanguageModel("p/m", [{ text: "summary" }]);
    expect((await cache.generate(model, ask(long))).cacheHit).toBe(false);
    const near = await cache.generate(model, ask(`${long} today`));
    expect(near.cacheHit).toBe(true);
    expect(near.similarity).toBeGreaterThanOrEqual(0.95);
    expect((await cache.generate(model, ask("write a poem about autumn leaves"))).cacheHit).toBe(
      false,
    );
    expect(model.calls).toHaveLength(2);
  });

  test("a call marked semantic: false (a tool run) is neither served nor kept", async () => {
    const store = new MemorySemanticCacheStore();
    const cache = new SemanticCache({ embeddingModel: embeddings, store });
    const model = stubLanguageModel("p/m", [{ text: "21 °C" }, { text: "5 °C" }, { text: "x" }]);
    expect((await cache.generate(model, ask(long), { semantic: false })).cacheHit).toBe(false);
    // Nothing was kept: a close prompt (even without the mark) is a miss.
    expect((await cache.generate(model, ask(`${long} today`))).text).toBe("5 °C");
    // And one that is kept is not served to a marked call.
    const marked = await cache.generate(model, ask(`${long} today`), { semantic: false });
    expect(marked).toMatchObject({ cacheHit: false, text: "x" });
  });

  test("the threshold decides, and only the same model and parameters match", async () => {
    const strict = new SemanticCache({
      embeddingModel: embeddings,
      store: new MemorySemanticCacheStore(),
      threshold: 0.9999,
    });
    const model = stubLanguageModel("p/m", [{ text: "summary" }]);
    await strict.generate(model, ask(long));
    expect((await strict.generate(model, ask(`${long} today`))).cacheHit).toBe(false);
    expect((await strict.generate(model, ask(long))).cacheHit).toBe(true);
    expect((await strict.generate(model, ask(long, { maxOutputTokens: 5 }))).cacheHit).toBe(false);
    const other = stubLanguageModel("p/other", [{ text: "x" }]);
    expect((await strict.generate(other, ask(long))).cacheHit).toBe(false);
  });

  test("expiry, sampled requests, invalidation, and a failing embedding model", async () => {
    const clock = createFakeClock();
    const store = new MemorySemanticCacheStore();
    const cache = new SemanticCache({ embeddingModel: embeddings, store, ttlMs: 100, clock });
    const model = stubLanguageModel("p/m", [{ text: "a" }]);
    await cache.generate(model, ask(long), { prompt: "tickets" });
    await clock.advance(100);
    expect((await cache.generate(model, ask(long), { prompt: "tickets" })).cacheHit).toBe(false);
    await cache.generate(model, ask(long, { temperature: 1 }));
    expect((await cache.generate(model, ask(long, { temperature: 1 }))).cacheHit).toBe(false);
    expect(await cache.invalidate({ prompt: "tickets" })).toBe(2);
    const broken = new SemanticCache({
      embeddingModel: { modelId: "x/y", embed: () => Promise.reject(new Error("no")) },
      store,
    });
    expect((await broken.generate(model, ask(long))).text).toBe("a");
  });

  test("cosine similarity and the embedded text", () => {
    expect(cosineSimilarity([1, 0], [1, 0])).toBe(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
    expect(cosineSimilarity([1], [1, 0])).toBe(0);
    expect(
      semanticCacheText([
        { role: "system", content: [{ type: "text", text: "Be brief." }] },
        { role: "user", content: [{ type: "text", text: "Hi" }] },
      ]),
    ).toBe("system: Be brief.\nuser: Hi");
  });
});
