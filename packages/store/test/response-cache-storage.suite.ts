import { type GenerateResult, isQuireError, type QuireError } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResponseCacheStorage, Store, StoredCachedResponse } from "../src/index.js";
import { registerSemanticCacheTests } from "./semantic-cache-storage.suite.js";

export interface ResponseCacheStorageFactory {
  /** Opens the store under test; called once per test file, in `beforeAll`. */
  open(): Promise<Store>;
  /** Runs after the store is closed (remove the folder, drop the database). */
  cleanup?(): Promise<void>;
  /**
   * Whether pgvector can be enabled on this database: true on PGlite; on PostgreSQL, whether
   * the server has the extension installed (the suite then checks the semantic cache works, or
   * that it is reported unavailable with a reason).
   */
  vectorInstalled(): Promise<boolean>;
}

export function answer(text: string, overrides: Partial<GenerateResult> = {}): GenerateResult {
  return {
    text,
    toolCalls: [],
    finishReason: "stop",
    usage: { inputTokens: 12, outputTokens: 3 },
    modelId: "local/echo",
    ...overrides,
  };
}

export async function caught(work: () => Promise<unknown>): Promise<QuireError> {
  try {
    await work();
  } catch (error) {
    if (isQuireError(error)) return error;
    throw error;
  }
  throw new Error("expected a QuireError, but the call succeeded");
}

/**
 * The response cache's storage, whatever the database. Tests share one store per file and keep
 * apart by using keys and prompt names no other test uses.
 */
export function registerResponseCacheStorageSuite(factory: ResponseCacheStorageFactory): void {
  let store: Store | undefined;
  let counter = 0;
  const storage = (): ResponseCacheStorage => {
    if (store === undefined) throw new Error("the store is not open: did beforeAll fail?");
    return store.responseCache;
  };
  const unique = (stem: string) => {
    counter += 1;
    return `${stem}${counter}-${Math.random().toString(16).slice(2, 10)}`;
  };
  const entry = (overrides: Partial<StoredCachedResponse> = {}): StoredCachedResponse => {
    const now = Date.now();
    return {
      result: answer("cached answer"),
      modelId: "local/echo",
      prompt: "cache/default",
      createdAt: now,
      expiresAt: now + 60_000,
      ...overrides,
    };
  };

  beforeAll(async () => {
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.close();
    await factory.cleanup?.();
  });

  describe("exact cache", () => {
    it("returns what was set under a key, and nothing for an unknown key", async () => {
      const key = unique("k");
      const stored = entry({
        result: answer("hello", { logprobs: [{ token: "h", logprob: -0.5 }] }),
      });
      await storage().exact.set(key, stored);
      expect(await storage().exact.get(key)).toEqual(stored);
      expect(await storage().exact.get(unique("missing"))).toBeUndefined();
    });

    it("keeps entries without a prompt or an expiry, and text the database's jsonb would refuse", async () => {
      const key = unique("k");
      const stored = entry({ prompt: undefined, expiresAt: undefined, result: answer("a\u0000b") });
      await storage().exact.set(key, stored);
      expect(await storage().exact.get(key)).toEqual(stored);
    });

    it("replaces an entry set again under the same key, starting its hit count again", async () => {
      const key = unique("k");
      await storage().exact.set(key, entry({ result: answer("first") }));
      await storage().exact.get(key);
      await storage().flushHits();
      expect((await storage().entryHits(key))?.hits).toBe(1);
      await storage().exact.set(key, entry({ result: answer("second"), modelId: "local/other" }));
      const read = await storage().exact.get(key);
      expect(read?.result.text).toBe("second");
      expect(read?.modelId).toBe("local/other");
      expect((await storage().entryHits(key))?.hits).toBe(0);
    });

    it("honours the TTL on read: an expired entry is not returned, a live one is", async () => {
      const now = Date.now();
      const expired = unique("expired");
      const live = unique("live");
      await storage().exact.set(expired, entry({ createdAt: now - 2_000, expiresAt: now - 1 }));
      await storage().exact.set(live, entry({ createdAt: now, expiresAt: now + 5_000 }));
      expect(await storage().exact.get(expired)).toBeUndefined();
      expect((await storage().exact.get(live))?.expiresAt).toBe(now + 5_000);
    });

    it("reads expiry against the caches' clock when given one", async () => {
      const key = unique("clocked");
      const prompt = unique("clocked/p");
      await storage().exact.set(key, entry({ prompt, createdAt: 1_000, expiresAt: 2_000 }));
      expect(await storage().exact.get(key)).toBeUndefined();
      expect(
        (
          await storage()
            .exactWithClock(() => 1_999)
            .get(key)
        )?.createdAt,
      ).toBe(1_000);
      expect(
        await storage()
          .exactWithClock(() => 2_000)
          .get(key),
      ).toBeUndefined();
      // Long expired: removed here so the clean-up test counts only its own rows.
      expect(await storage().exact.delete({ prompt })).toBe(1);
    });

    it("counts hits per entry and writes them when flushed", async () => {
      const key = unique("k");
      await storage().exact.set(key, entry());
      for (let index = 0; index < 3; index += 1) await storage().exact.get(key);
      await storage().flushHits();
      const counted = await storage().entryHits(key);
      expect(counted?.hits).toBe(3);
      expect(Date.parse(counted?.lastHitAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
      await storage().exact.get(key);
      await storage().flushHits();
      expect((await storage().entryHits(key))?.hits).toBe(4);
      expect(await storage().entryHits(unique("missing"))).toBeUndefined();
    });

    it("deletes by prompt, by model, by both, and says how many", async () => {
      const prompt = unique("invalidate/p");
      const other = unique("invalidate/q");
      const set = (key: string, promptName: string, modelId: string) =>
        storage().exact.set(key, entry({ prompt: promptName, modelId }));
      const keys = [unique("a"), unique("b"), unique("c"), unique("d")];
      await set(keys[0] ?? "", prompt, "local/one");
      await set(keys[1] ?? "", prompt, "local/two");
      await set(keys[2] ?? "", other, "local/one");
      await set(keys[3] ?? "", other, "local/two");
      expect(await storage().exact.delete({ prompt, modelId: "local/one" })).toBe(1);
      expect(await storage().exact.get(keys[0] ?? "")).toBeUndefined();
      expect(await storage().exact.delete({ prompt })).toBe(1);
      expect(await storage().exact.get(keys[1] ?? "")).toBeUndefined();
      expect(await storage().exact.get(keys[2] ?? "")).toBeDefined();
      expect(await storage().exact.delete({ prompt: unique("nothing/here") })).toBe(0);
    });

    it("refuses a bad key or time with VALIDATION_FAILED, storing nothing", async () => {
      expect((await caught(() => storage().exact.get(""))).code).toBe("VALIDATION_FAILED");
      const key = unique("k");
      const error = await caught(() => storage().exact.set(key, entry({ createdAt: Number.NaN })));
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toMatch(/createdAt/);
      expect(await storage().exact.get(key)).toBeUndefined();
    });
  });

  describe("statistics", () => {
    const zero = {
      hits: 0,
      misses: 0,
      semanticHits: 0,
      semanticMisses: 0,
      skipped: 0,
      savedInputTokens: 0,
      savedOutputTokens: 0,
      savedCostUsd: 0,
      unpricedHits: 0,
    };

    it("adds increments per prompt, summing repeated prompts of one batch", async () => {
      const prompt = unique("stats/p");
      await storage().addStatistics([
        { ...zero, prompt, hits: 2, savedInputTokens: 20, savedCostUsd: 0.25 },
        { ...zero, prompt, misses: 1, hits: 1, savedInputTokens: 5, savedCostUsd: 0.5 },
      ]);
      await storage().addStatistics([{ ...zero, prompt, skipped: 4, semanticHits: 1 }]);
      const [row] = await storage().readStatistics({ prompt });
      expect(row).toMatchObject({
        prompt,
        hits: 3,
        misses: 1,
        skipped: 4,
        semanticHits: 1,
        savedInputTokens: 25,
        savedCostUsd: 0.75,
      });
      expect(Date.parse(row?.updatedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    });

    it("loses no increment when many flushes run at once", async () => {
      const prompts = [unique("stats/c"), unique("stats/c")];
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          storage().addStatistics(
            (index % 2 === 0 ? prompts : [...prompts].reverse()).map((prompt) => ({
              ...zero,
              prompt,
              hits: 1,
              savedOutputTokens: 3,
            })),
          ),
        ),
      );
      for (const prompt of prompts) {
        const [row] = await storage().readStatistics({ prompt });
        expect(row?.hits).toBe(20);
        expect(row?.savedOutputTokens).toBe(60);
      }
    });

    it("keeps calls without a prompt apart, under prompt undefined", async () => {
      await storage().addStatistics([{ ...zero, prompt: undefined, misses: 2 }]);
      const all = await storage().readStatistics();
      expect(all.find((row) => row.prompt === undefined)?.misses).toBeGreaterThanOrEqual(2);
    });

    it("refuses a negative or fractional count, adding nothing of the batch", async () => {
      const prompt = unique("stats/bad");
      const error = await caught(() =>
        storage().addStatistics([
          { ...zero, prompt, hits: 1 },
          { ...zero, prompt, misses: 1.5 },
        ]),
      );
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.details).toMatchObject({ index: 1, field: "misses" });
      expect(await storage().readStatistics({ prompt })).toEqual([]);
    });
  });

  describe("expiry clean-up", () => {
    it("deletes expired rows in bounded runs and keeps live ones", async () => {
      // Far in the past, so no other test's rows count here; `now` moves the cut-off.
      const base = Date.UTC(2001, 0, 1);
      const prompt = unique("expiry/p");
      for (let index = 0; index < 25; index += 1) {
        await storage().exact.set(
          unique("old"),
          entry({ prompt, createdAt: base, expiresAt: base + index }),
        );
      }
      const live = unique("live");
      await storage().exact.set(live, entry({ prompt, createdAt: base, expiresAt: base + 1_000 }));
      const now = base + 500;
      expect(await storage().removeExpired({ now, maxRows: 10 })).toBe(10);
      expect(await storage().removeExpired({ now, maxRows: 10 })).toBe(10);
      expect(await storage().removeExpired({ now, maxRows: 10 })).toBe(5);
      expect(await storage().removeExpired({ now, maxRows: 10 })).toBe(0);
      expect(await storage().exact.delete({ prompt })).toBe(1);
    });
  });

  registerSemanticCacheTests({ storage, unique, vectorInstalled: factory.vectorInstalled });
}
