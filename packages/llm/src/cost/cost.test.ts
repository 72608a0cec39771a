import { defaultModels, type GenerateResult, withModelOverrides } from "@quire/core";
import { describe, expect, test } from "vitest";
import { costOfResult } from "./cost-of-result.js";
import { costOfUsage, modelEntryFor, modelNameOf } from "./cost-of-usage.js";

const messages = [
  { role: "user" as const, content: [{ type: "text" as const, text: "Say hello to the team." }] },
];
const result = (modelId: string, usage?: GenerateResult["usage"]): GenerateResult => ({
  text: "Hello, team!",
  toolCalls: [],
  finishReason: "stop",
  modelId,
  ...(usage === undefined ? {} : { usage }),
});

describe("cost", () => {
  test("prices uncached input, cached input and output at the table's rates", () => {
    const gpt = modelEntryFor("openai/gpt-4o", defaultModels)?.price;
    expect(gpt).toBeDefined();
    const cost = costOfUsage(
      { inputTokens: 3_000_000, cachedInputTokens: 1_000_000, outputTokens: 500_000 },
      "openai/gpt-4o",
    );
    expect(cost?.inputUsd).toBeCloseTo((2_000_000 * (gpt?.input ?? 0)) / 1e6, 10);
    expect(cost?.cachedInputUsd).toBeCloseTo((1_000_000 * (gpt?.cachedInput ?? 0)) / 1e6, 10);
    expect(cost?.outputUsd).toBeCloseTo((500_000 * (gpt?.output ?? 0)) / 1e6, 10);
    expect(cost?.usd).toBeCloseTo(
      (cost?.inputUsd ?? 0) + (cost?.cachedInputUsd ?? 0) + (cost?.outputUsd ?? 0),
      12,
    );
    expect(cost?.estimated).toBe(false);
  });

  test("cached tokens without a cached price cost the input price; unknown models have no cost", () => {
    const table = withModelOverrides({
      "house-model": {
        contextWindow: 8_000,
        maxOutputTokens: 1_000,
        price: { input: 2, output: 4 },
      },
    });
    const cost = costOfUsage(
      { inputTokens: 1_000, cachedInputTokens: 400, outputTokens: 0 },
      "local/house-model",
      {
        table,
      },
    );
    expect(cost?.usd).toBeCloseTo(0.002, 12);
    expect(
      costOfUsage({ inputTokens: 10, outputTokens: 10 }, "local/unknown-model"),
    ).toBeUndefined();
  });

  test("model ids whose model part has slashes are looked up by that part", () => {
    expect(modelNameOf("together/meta-llama/llama-3.3-70b-instruct")).toBe(
      "meta-llama/llama-3.3-70b-instruct",
    );
    const table = [
      {
        name: "llama-3.3-70b-instruct",
        provider: "meta",
        contextWindow: 131_072,
        maxOutputTokens: 8_192,
      },
    ];
    expect(modelEntryFor("together/meta-llama/llama-3.3-70b-instruct", table)?.name).toBe(
      "llama-3.3-70b-instruct",
    );
  });

  test("a result with reported usage is priced from it; without, from an estimate flagged as such", async () => {
    const reported = await costOfResult(
      messages,
      result("openai/gpt-4o-mini", { inputTokens: 100, outputTokens: 10 }),
    );
    expect(reported).toMatchObject({
      usageEstimated: false,
      usage: { inputTokens: 100, outputTokens: 10 },
    });
    expect(reported.cost?.estimated).toBe(false);
    const estimated = await costOfResult(messages, result("openai/gpt-4o-mini"));
    expect(estimated.usageEstimated).toBe(true);
    expect(estimated.cost?.estimated).toBe(true);
    // "Say hello to the team." is 6 tokens in o200k, plus 3 per message, 1 for the role, 3 priming.
    expect(estimated.usage.inputTokens).toBe(13);
    expect(estimated.usage.outputTokens).toBe(4);
    expect(estimated.cost?.usd).toBeGreaterThan(0);
  });
});
