import { type GenerateRequest, modelError } from "@quire/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { modelEntryFor } from "../cost/cost-of-usage.js";
import { createFakeClock } from "../testing/fake-clock.js";
import { stubLanguageModel } from "../testing/stub-language-model.js";
import { MemoryResponseCacheStore } from "./memory-response-cache-store.js";
import { ResponseCache } from "./response-cache.js";
import { responseCacheKey } from "./response-cache-key.js";
import type { ResponseCacheStore } from "./response-cache-store.js";

const ask = (text: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  messages: [{ role: "user", content: [{ type: "text", text }] }],
  temperature: 0,
  ...extra,
});
const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cachedInputTokens: 0 };

function setup(options: { ttlMs?: number | null; cacheNonZeroTemperature?: boolean } = {}) {
  const clock = createFakeClock();
  const store = new MemoryResponseCacheStore();
  const cache = new ResponseCache({ store, clock, ...options });
  const model = stubLanguageModel("openai/gpt-4o-mini", [{ text: "answer", usage }]);
  return { clock, store, cache, model };
}

describe("responseCacheKey", () => {
  test("equal requests give equal keys whatever their key order; any change gives another", () => {
    const base = ask("hi", { maxOutputTokens: 10, seed: 1 });
    const reordered: GenerateRequest = {
      seed: 1,
      maxOutputTokens: 10,
      temperature: 0,
      messages: base.messages,
    };
    expect(responseCacheKey("p/m", base)).toBe(responseCacheKey("p/m", reordered));
    expect(responseCacheKey("p/m", base)).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      responseCacheKey("p/other", base),
      responseCacheKey("p/m", base, "support/triage"),
      responseCacheKey("p/m", ask("hi!", { maxOutputTokens: 10, seed: 1 })),
      responseCacheKey("p/m", { ...base, maxOutputTokens: 11 }),
      responseCacheKey("p/m", { ...base, responseFormat: { type: "json" } }),
      responseCacheKey("p/m", { ...base, tools: [{ name: "t", parameters: { type: "object" } }] }),
    ];
    expect(new Set([responseCacheKey("p/m", base), ...variants]).size).toBe(variants.length + 1);
    expect(responseCacheKey("p/m", { ...base, abortSignal: new AbortController().signal })).toBe(
      responseCacheKey("p/m", base),
    );
  });
});

test("property: key order never changes the key; a different message always does", () => {
  const shuffled = (record: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(record).reverse());
  fc.assert(
    fc.property(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue(), { maxKeys: 6 }),
      fc.string(),
      fc.string(),
      (options, first, second) => {
        const request = (
          text: string,
          providerOptions: Record<string, unknown>,
        ): GenerateRequest => ({
          ...ask(text),
          providerOptions: { custom: providerOptions },
        });
        const key = responseCacheKey("p/m", request(first, options));
        expect(responseCacheKey("p/m", request(first, shuffled(options)))).toBe(key);
        if (first !== second)
          expect(responseCacheKey("p/m", request(second, options))).not.toBe(key);
      },
    ),
  );
});

describe("ResponseCache", () => {
  test("a repeated request is served from the cache, with counters and saved tokens and cost", async () => {
    const { cache, model } = setup();
    const first = await cache.generate(model, ask("hi"), { prompt: "greet" });
    const second = await cache.generate(model, ask("hi"), { prompt: "greet" });
    expect(first.cacheHit).toBe(false);
    expect(second).toMatchObject({ cacheHit: true, text: "answer", usage });
    expect(model.calls).toHaveLength(1);
    expect(cache.statisticsFor("greet")).toMatchObject({
      hits: 1,
      misses: 1,
      savedInputTokens: 1_000_000,
      savedOutputTokens: 100_000,
      unpricedHits: 0,
    });
    const price = modelEntryFor("openai/gpt-4o-mini")?.price;
    expect(price).toBeDefined();
    expect(cache.statisticsFor("greet").savedCostUsd).toBeCloseTo(
      (price?.input ?? 0) + (price?.output ?? 0) / 10,
      10,
    );
  });

  test("entries expire after their TTL", async () => {
    const { cache, clock, model } = setup({ ttlMs: 1_000 });
    await cache.generate(model, ask("hi"));
    await clock.advance(999);
    expect((await cache.generate(model, ask("hi"))).cacheHit).toBe(true);
    await clock.advance(1);
    expect((await cache.generate(model, ask("hi"))).cacheHit).toBe(false);
    expect(model.calls).toHaveLength(2);
  });

  test("errors are never cached", async () => {
    const { cache } = setup();
    const model = stubLanguageModel("p/m", [
      { error: modelError("unavailable", "down") },
      { text: "ok" },
    ]);
    await expect(cache.generate(model, ask("hi"))).rejects.toThrow("down");
    expect((await cache.generate(model, ask("hi"))).cacheHit).toBe(false);
    expect((await cache.generate(model, ask("hi"))).cacheHit).toBe(true);
    const broken = stubLanguageModel("p/broken", [{ text: "", finishReason: "error" }]);
    await cache.generate(broken, ask("hi"));
    expect((await cache.generate(broken, ask("hi"))).cacheHit).toBe(false);
  });

  test("temperature above 0 (or unset) is cached only when asked", async () => {
    const { cache, model } = setup();
    for (const request of [ask("hi", { temperature: 0.7 }), { messages: ask("hi").messages }]) {
      await cache.generate(model, request, { prompt: "p" });
      expect((await cache.generate(model, request, { prompt: "p" })).cacheHit).toBe(false);
    }
    expect(cache.statisticsFor("p")).toMatchObject({ skipped: 4, hits: 0, misses: 0 });
    await cache.generate(model, ask("hi", { temperature: 0.7 }), { cacheNonZeroTemperature: true });
    const hit = await cache.generate(model, ask("hi", { temperature: 0.7 }), {
      cacheNonZeroTemperature: true,
    });
    expect(hit.cacheHit).toBe(true);
    const always = setup({ cacheNonZeroTemperature: true });
    await always.cache.generate(always.model, ask("x", { temperature: 1 }));
    expect((await always.cache.generate(always.model, ask("x", { temperature: 1 }))).cacheHit).toBe(
      true,
    );
  });

  test("invalidation by prompt, by model, or all", async () => {
    const { cache, store } = setup();
    const a = stubLanguageModel("p/a", [{ text: "a" }]);
    const b = stubLanguageModel("p/b", [{ text: "b" }]);
    await cache.generate(a, ask("1"), { prompt: "one" });
    await cache.generate(a, ask("2"), { prompt: "two" });
    await cache.generate(b, ask("1"), { prompt: "one" });
    await cache.generate(b, ask("3"), { prompt: "three" });
    expect(await cache.invalidate({ prompt: "one" })).toBe(2);
    expect((await cache.generate(a, ask("2"), { prompt: "two" })).cacheHit).toBe(true);
    expect(await cache.invalidate({ modelId: "p/b" })).toBe(1);
    expect(store.size).toBe(1);
    expect(await cache.invalidate()).toBe(1);
    expect(store.size).toBe(0);
  });

  test("a failing store makes misses, never failed calls", async () => {
    const failing: ResponseCacheStore = {
      get: () => Promise.reject(new Error("db down")),
      set: () => Promise.reject(new Error("db down")),
      delete: () => Promise.reject(new Error("db down")),
    };
    const cache = new ResponseCache({ store: failing });
    const model = stubLanguageModel("p/m", [{ text: "ok" }]);
    expect((await cache.generate(model, ask("hi"))).text).toBe("ok");
    expect(cache.statisticsFor(undefined)).toMatchObject({ misses: 1, storeErrors: 2 });
  });

  test("streams: a miss streams through and is kept, a hit comes as one delta", async () => {
    const { cache, model } = setup();
    const wrapped = cache.wrap(model, { prompt: "s" });
    const collect = async () => {
      const deltas: string[] = [];
      let hit: unknown;
      for await (const part of wrapped.stream!(ask("hi"))) {
        if (part.type === "text-delta") deltas.push(part.text);
        else hit = (part.result as { cacheHit?: boolean }).cacheHit;
      }
      return { deltas, hit };
    };
    expect(await collect()).toEqual({ deltas: ["answer"], hit: false });
    expect(await collect()).toEqual({ deltas: ["answer"], hit: true });
    expect(model.calls).toHaveLength(1);
    expect(cache.statistics()).toEqual([
      expect.objectContaining({ prompt: "s", hits: 1, misses: 1 }),
    ]);
  });
});

describe("writes behind the answer", () => {
  function slowStore() {
    const inner = new MemoryResponseCacheStore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const store: ResponseCacheStore = {
      get: (key) => inner.get(key),
      set: async (key, entry) => {
        await gate;
        await inner.set(key, entry);
      },
      delete: (filter) => inner.delete(filter),
    };
    return { store, inner, release };
  }

  test("a miss answers before the store's write lands, and this process still hits meanwhile", async () => {
    const { store, inner, release } = slowStore();
    const cache = new ResponseCache({ store, clock: createFakeClock() });
    const model = stubLanguageModel("openai/gpt-4o-mini", [{ text: "answer", usage }]);
    const first = await cache.generate(model, ask("hello"));
    expect(first.cacheHit).toBe(false);
    expect(await inner.get(responseCacheKey(model.modelId, ask("hello")))).toBeUndefined();
    const second = await cache.generate(model, ask("hello"));
    expect(second).toMatchObject({ cacheHit: true, text: "answer" });
    release();
    await cache.settled();
    expect(await inner.get(responseCacheKey(model.modelId, ask("hello")))).toBeDefined();
  });

  test("invalidation waits for writes in flight, so an invalidated answer never comes back", async () => {
    const { store, release } = slowStore();
    const cache = new ResponseCache({ store, clock: createFakeClock() });
    const model = stubLanguageModel("openai/gpt-4o-mini", [
      { text: "old", usage },
      { text: "new", usage },
    ]);
    await cache.generate(model, ask("hello"));
    const removed = cache.invalidate({});
    release();
    expect(await removed).toBe(1);
    expect(await cache.generate(model, ask("hello"))).toMatchObject({
      cacheHit: false,
      text: "new",
    });
  });
});
