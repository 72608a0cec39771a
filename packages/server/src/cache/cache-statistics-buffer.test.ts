import type { CacheStatisticsIncrement } from "@quire/store";
import { describe, expect, it } from "vitest";
import { CacheStatisticsBuffer } from "./cache-statistics-buffer.js";

function recordingStorage(failures = 0) {
  const calls: CacheStatisticsIncrement[][] = [];
  let failuresLeft = failures;
  return {
    calls,
    addStatistics: async (increments: readonly CacheStatisticsIncrement[]) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error("database down");
      }
      calls.push(increments.map((increment) => ({ ...increment })));
    },
  };
}

describe("CacheStatisticsBuffer", () => {
  it("adds counts in memory and writes every prompt in one call per flush", async () => {
    const storage = recordingStorage();
    const buffer = new CacheStatisticsBuffer(storage, { flushIntervalMs: 3_600_000 });
    buffer.hit("a", "exact", { inputTokens: 10, outputTokens: 2 }, 0.5);
    buffer.hit("a", "semantic", { inputTokens: 1, outputTokens: 1 }, undefined);
    buffer.missed("a", "exact");
    buffer.missed(undefined, "semantic");
    buffer.skipped("b");
    expect(storage.calls).toHaveLength(0);
    await buffer.flush();
    expect(storage.calls).toHaveLength(1);
    expect(storage.calls[0]).toEqual([
      {
        prompt: "a",
        hits: 1,
        misses: 1,
        semanticHits: 1,
        semanticMisses: 0,
        skipped: 0,
        savedInputTokens: 11,
        savedOutputTokens: 3,
        savedCostUsd: 0.5,
        unpricedHits: 1,
      },
      expect.objectContaining({ prompt: undefined, semanticMisses: 1 }),
      expect.objectContaining({ prompt: "b", skipped: 1 }),
    ]);
    await buffer.flush();
    expect(storage.calls).toHaveLength(1);
    await buffer.close();
  });

  it("keeps the counts of a failed flush for the next one, adding what came meanwhile", async () => {
    const storage = recordingStorage(1);
    const buffer = new CacheStatisticsBuffer(storage, { flushIntervalMs: 3_600_000 });
    buffer.missed("a", "exact");
    await expect(buffer.flush()).rejects.toThrow("database down");
    buffer.missed("a", "exact");
    await buffer.close();
    expect(storage.calls).toEqual([[expect.objectContaining({ prompt: "a", misses: 2 })]]);
    expect(buffer.pendingPrompts).toBe(0);
  });

  it("flushes by itself on its interval, reporting a failure to onFlushError", async () => {
    const storage = recordingStorage(1);
    const errors: unknown[] = [];
    const buffer = new CacheStatisticsBuffer(storage, {
      flushIntervalMs: 10,
      onFlushError: (error) => errors.push(error),
    });
    buffer.hit("a", "exact", undefined, undefined);
    await expect.poll(() => storage.calls.length, { timeout: 2_000 }).toBe(1);
    expect(errors).toHaveLength(1);
    expect(storage.calls[0]).toEqual([expect.objectContaining({ hits: 1, unpricedHits: 1 })]);
    await buffer.close();
  });
});
