import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import { modelInfo, withModelOverrides } from "./model-info.js";
import { defaultModels } from "./model-table.js";
import { tokensAvailable } from "./tokens-available.js";

describe("modelInfo", () => {
  it.each([
    ["gpt-4o", "gpt-4o"],
    ["GPT-4o-2024-08-06", "gpt-4o"],
    ["gpt-4o-mini-2024-07-18", "gpt-4o-mini"],
    ["openai/gpt-4.1-mini", "gpt-4.1-mini"],
    ["claude-sonnet-4-20250514", "claude-sonnet-4"],
    ["claude-sonnet-4@20250514", "claude-sonnet-4"],
    ["claude-3-5-haiku-latest", "claude-3-5-haiku"],
    ["meta-llama/llama-3.3-70b-instruct", "llama-3.3-70b"],
    ["llama3.3:70b", "llama-3.3-70b"],
    ["o3-mini-2025-01-31", "o3-mini"],
    ["gpt-4-0613", "gpt-4"],
  ])("finds %s as %s", (name, expected) => {
    expect(modelInfo(name)?.name).toBe(expected);
  });

  it.each(["gpt-4.5-preview", "gpt-4oo", "unknown-model", ""])("knows nothing of %j", (name) => {
    expect(modelInfo(name)).toBeUndefined();
  });

  it("has sane limits for every entry", () => {
    for (const entry of defaultModels) {
      expect(entry.contextWindow).toBeGreaterThanOrEqual(entry.maxOutputTokens);
      expect(entry.maxOutputTokens).toBeGreaterThanOrEqual(0);
    }
  });

  it("says for every entry where its figures come from and when they were checked", () => {
    for (const entry of defaultModels) {
      expect(entry.source?.url, entry.name).toMatch(/^https:\/\//);
      expect(entry.source?.checkedOn, entry.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (entry.source?.verified !== "vendor") expect(entry.source?.note, entry.name).toBeTruthy();
    }
  });

  it.each([
    ["claude-sonnet-4-5-20250929", "claude-sonnet-4-5"],
    ["claude-haiku-4-5", "claude-haiku-4-5"],
    ["claude-opus-4-5-20251101", "claude-opus-4-5"],
  ])("finds the newer Claude %s as %s, not an older entry", (name, expected) => {
    expect(modelInfo(name)?.name).toBe(expected);
  });
});

describe("withModelOverrides", () => {
  it("replaces fields of a known model and leaves the default table alone", () => {
    const table = withModelOverrides({ "gpt-4o": { price: { input: 1, output: 2 } } });
    expect(modelInfo("gpt-4o-2024-11-20", table)?.price).toEqual({ input: 1, output: 2 });
    expect(modelInfo("gpt-4o-2024-11-20", table)?.contextWindow).toBe(128_000);
    expect(modelInfo("gpt-4o")?.price?.input).toBe(2.5);
  });

  it("adds a new model that gives its limits", () => {
    const table = withModelOverrides({ "acme-1": { contextWindow: 4000, maxOutputTokens: 500 } });
    expect(modelInfo("acme-1-latest", table)).toMatchObject({
      name: "acme-1",
      provider: "unknown",
      contextWindow: 4000,
    });
  });

  it("drops the checked source of an entry whose figures were overridden", () => {
    const table = withModelOverrides({ "claude-haiku-4-5": { price: { input: 9, output: 9 } } });
    expect(modelInfo("claude-haiku-4-5", table)?.source).toBeUndefined();
    expect(modelInfo("claude-haiku-4-5")?.source?.verified).toBe("vendor");
  });

  it("keeps a tokenizer setting and refuses an unknown family or a bad factor", () => {
    const table = withModelOverrides({
      "acme-1": {
        contextWindow: 4000,
        maxOutputTokens: 500,
        tokenizer: { estimate: "meta", factor: 1.3 },
      },
    });
    expect(modelInfo("acme-1", table)?.tokenizer).toEqual({ estimate: "meta", factor: 1.3 });
    expect(() =>
      withModelOverrides({ "gpt-4o": { tokenizer: { estimate: "acme" as "meta" } } }),
    ).toThrowError(/estimate must be one of anthropic, google, meta, mistral, unknown/);
    expect(() =>
      withModelOverrides({ "gpt-4o": { tokenizer: { estimate: "meta", factor: 0 } } }),
    ).toThrowError(/estimateFactor/);
  });

  it("rejects a new model without limits and a bad number", () => {
    const missing = () => withModelOverrides({ "acme-1": { contextWindow: 4000 } });
    expect(missing).toThrowError(/maxOutputTokens/);
    try {
      withModelOverrides({ "gpt-4o": { contextWindow: -1 } });
      expect.unreachable();
    } catch (error) {
      expect(isQuireError(error) && error.code).toBe("CONFIG_INVALID");
    }
    expect(() =>
      withModelOverrides({ "gpt-4o": { price: { input: Number.NaN, output: 1 } } }),
    ).toThrowError(/price.input/);
  });
});

describe("tokensAvailable", () => {
  it("is the window minus the prompt minus the reserved output", () => {
    expect(tokensAvailable({ model: "gpt-4o", promptTokens: 1000, reservedOutput: 2000 })).toBe(
      125_000,
    );
    expect(tokensAvailable({ model: "gpt-4", promptTokens: 8000, reservedOutput: 500 })).toBe(-308);
  });

  it("reserves the model's max output by default and uses an overridden table", () => {
    expect(tokensAvailable({ model: "gpt-4o", promptTokens: 0 })).toBe(128_000 - 16_384);
    const models = withModelOverrides({ "gpt-4o": { contextWindow: 50_000 } });
    expect(tokensAvailable({ model: "gpt-4o", promptTokens: 0, reservedOutput: 0, models })).toBe(
      50_000,
    );
  });

  it("rejects an unknown model and a bad token number", () => {
    expect(() => tokensAvailable({ model: "nope", promptTokens: 1 })).toThrowError(
      /not in the model table/,
    );
    expect(() => tokensAvailable({ model: "gpt-4o", promptTokens: 1.5 })).toThrowError(
      /promptTokens/,
    );
  });
});
