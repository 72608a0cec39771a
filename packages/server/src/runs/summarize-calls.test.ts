import { defaultModels, type GenerateResult } from "@quire/core";
import { describe, expect, it } from "vitest";
import type { RecordedCall } from "./call-recorder.js";
import { summarizeCalls } from "./summarize-calls.js";

const messages: RecordedCall["messages"] = [
  { role: "user", content: [{ type: "text", text: "How many legs do 3 spiders have?" }] },
];

function call(result: Partial<GenerateResult> & Record<string, unknown>): RecordedCall {
  return {
    messages,
    result: {
      text: "24",
      toolCalls: [],
      finishReason: "stop",
      modelId: "openai/gpt-4o-mini",
      usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 },
      ...result,
    },
  };
}

describe("summarizeCalls", () => {
  it("sums usage and prices each call from the model table", async () => {
    const summary = await summarizeCalls(
      [call({}), call({ usage: { inputTokens: 0, outputTokens: 0 } })],
      defaultModels,
    );
    expect(summary.usage).toEqual({
      inputTokens: 1_000_000,
      outputTokens: 1_000_000,
      cachedInputTokens: 0,
      estimated: false,
      modelCalls: 2,
    });
    expect(summary.cost?.usd).toBeGreaterThan(0);
    expect(summary.cost).toMatchObject({ estimated: false, savedUsd: 0 });
    expect(summary.cacheHit).toBe(false);
  });

  it("counts a cache hit as costing nothing and its original cost as saved", async () => {
    const fresh = await summarizeCalls([call({})], defaultModels);
    const hit = await summarizeCalls([call({ cacheHit: true })], defaultModels);
    expect(hit.cacheHit).toBe(true);
    expect(hit.cost?.usd).toBe(0);
    expect(hit.cost?.savedUsd).toBeCloseTo(fresh.cost?.usd ?? Number.NaN, 10);
    expect(hit.usage.inputTokens).toBe(1_000_000);
  });

  it("estimates the usage a provider did not report, and flags it", async () => {
    const summary = await summarizeCalls([call({ usage: undefined })], defaultModels);
    expect(summary.usage.estimated).toBe(true);
    expect(summary.usage.inputTokens).toBeGreaterThan(5);
    expect(summary.cost?.estimated).toBe(true);
  });

  it("has no cost for a model without a price, and lists the failures and the server", async () => {
    const failure = {
      modelId: "local/a",
      errorClass: "timeout" as const,
      message: "slow",
      durationMs: 10,
    };
    const summary = await summarizeCalls(
      [call({ modelId: "local/unpriced", servedBy: "local/b", failures: [failure] })],
      defaultModels,
    );
    expect(summary.cost).toBeUndefined();
    expect(summary.servedBy).toBe("local/b");
    expect(summary.failures).toEqual([failure]);
  });

  it("says nothing served when there was no call", async () => {
    const summary = await summarizeCalls([], defaultModels);
    expect(summary).toMatchObject({
      servedBy: undefined,
      cacheHit: false,
      finishReason: undefined,
    });
  });
});
