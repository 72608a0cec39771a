import { QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import { useCannedClients } from "../test/canned-client.js";
import type { CacheInvalidationTarget } from "./cache-methods.js";

const clientAnswering = useCannedClients();

const counts = {
  hits: 3,
  misses: 1,
  semanticHits: 0,
  semanticMisses: 0,
  skipped: 2,
  hitRate: 0.75,
  semanticHitRate: null,
  savedInputTokens: 30,
  savedOutputTokens: 9,
  savedCostUsd: 0.001,
  unpricedHits: 0,
};
const statistics = {
  items: [{ ...counts, prompt: "support/triage", updatedAt: "2026-11-21T10:00:00.000Z" }],
  totals: counts,
  exactCache: { enabled: true, ttlMs: 3_600_000 },
  semanticCache: {
    enabled: false,
    reason: "no embedding model is configured for the semantic cache",
    threshold: null,
    vectorVersion: null,
  },
};

describe("cache methods", () => {
  test("cacheStatistics gets /v1/cache/stats, with the prompt filter when given", async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: statistics }));
    expect(await client.cacheStatistics()).toEqual(statistics);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url).toBe("/v1/cache/stats");
    await client.cacheStatistics({ prompt: "support/triage" });
    expect(requests[1]?.url).toBe("/v1/cache/stats?prompt=support%2Ftriage");
  });

  test("cacheStatistics refuses an answer that is not the contract's shape", async () => {
    const { client } = await clientAnswering(() => ({
      status: 200,
      body: { ...statistics, totals: { hits: "many" } },
    }));
    await expect(client.cacheStatistics()).rejects.toBeInstanceOf(QuireError);
  });

  test("invalidateCache sends DELETE /v1/cache with prompt, model, or all=true", async () => {
    const answer = { removed: { exact: 2, semantic: 1 }, prompt: "support/triage", model: null };
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: answer }));
    expect(await client.invalidateCache({ prompt: "support/triage" })).toEqual(answer);
    await client.invalidateCache({ prompt: "a/b", model: "openai/gpt-4o" });
    await client.invalidateCache({ all: true });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "DELETE /v1/cache?prompt=support%2Ftriage",
      "DELETE /v1/cache?prompt=a%2Fb&model=openai%2Fgpt-4o",
      "DELETE /v1/cache?all=true",
    ]);
  });

  test("invalidateCache refuses a target naming nothing, or all mixed with a filter, sending nothing", async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 500, body: {} }));
    for (const target of [{}, { all: true, prompt: "a" }] as unknown as CacheInvalidationTarget[]) {
      const error = await client.invalidateCache(target).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(QuireError);
      expect((error as QuireError).code).toBe("BAD_REQUEST");
    }
    expect(requests).toHaveLength(0);
  });
});
