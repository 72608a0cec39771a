import cl100k from "gpt-tokenizer/encoding/cl100k_base";
import o200k from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { loadEncoder } from "./load-encoder.js";
import { tokenizerForModel } from "./model-encoding.js";
import { withModelOverrides } from "./model-info.js";
import { countMessageTokens, countTokens, getTokenizer } from "./tokenizer.js";

const sample = 'Hello, world! function add(a, b) { return a + b; } {"key": [1, 2, 3]} — ünïcødé 🚀';

describe("tokenizerForModel", () => {
  it.each([
    ["gpt-4o", "o200k_base"],
    ["gpt-4o-mini-2024-07-18", "o200k_base"],
    ["openai/gpt-4.1-nano", "o200k_base"],
    ["o1-preview", "o200k_base"],
    ["o3", "o200k_base"],
    ["o4-mini", "o200k_base"],
    ["gpt-4", "cl100k_base"],
    ["gpt-4-turbo", "cl100k_base"],
    ["gpt-3.5-turbo-0125", "cl100k_base"],
    ["text-embedding-3-small", "cl100k_base"],
  ])("counts %s exactly with %s", (model, encoding) => {
    expect(tokenizerForModel(model)).toMatchObject({ encoding, estimated: false });
  });

  it.each([
    ["claude-sonnet-4-20250514", "anthropic"],
    ["gemini-2.5-pro", "google"],
    ["llama-3.3-70b", "meta"],
    ["o3x-unknown", "unknown"],
    ["my-model", "unknown"],
  ])("estimates %s as family %s", (model, family) => {
    expect(tokenizerForModel(model)).toMatchObject({ estimated: true, family });
  });
});

describe("countTokens", () => {
  it("equals gpt-tokenizer's own count for o200k and cl100k", async () => {
    expect(await countTokens(sample, { model: "gpt-4o" })).toEqual({
      tokens: o200k.countTokens(sample),
      encoding: "o200k_base",
      estimated: false,
    });
    expect(await countTokens(sample, { model: "gpt-4" })).toEqual({
      tokens: cl100k.countTokens(sample),
      encoding: "cl100k_base",
      estimated: false,
    });
  });

  it("counts special-token text as ordinary text instead of throwing", async () => {
    const result = await countTokens("a <|endoftext|> b", { model: "gpt-4o" });
    expect(result.tokens).toBeGreaterThan(3);
  });

  it("flags estimates and scales the o200k count up", async () => {
    const result = await countTokens(sample, { model: "claude-sonnet-4" });
    expect(result.estimated).toBe(true);
    expect(result.tokens).toBe(Math.ceil(o200k.countTokens(sample) * 1.2));
  });

  it("follows the tokenizer setting of the model table it is given", async () => {
    const models = withModelOverrides({
      "acme-chat": {
        contextWindow: 8000,
        maxOutputTokens: 1000,
        tokenizer: { encoding: "cl100k_base" },
      },
      "acme-large": {
        contextWindow: 8000,
        maxOutputTokens: 1000,
        tokenizer: { estimate: "google", factor: 2 },
      },
    });
    expect(await countTokens(sample, { model: "acme-chat", models })).toEqual({
      tokens: cl100k.countTokens(sample),
      encoding: "cl100k_base",
      estimated: false,
    });
    expect(await countTokens(sample, { model: "acme-large", models })).toEqual({
      tokens: 2 * o200k.countTokens(sample),
      encoding: "o200k_base",
      estimated: true,
    });
    expect((await countTokens(sample, { model: "acme-chat" })).estimated).toBe(true);
  });

  it("counts the empty text as zero tokens", async () => {
    expect((await countTokens("", { model: "gpt-4o" })).tokens).toBe(0);
  });
});

describe("loadEncoder", () => {
  it("loads each encoding once and reuses it", async () => {
    const first = loadEncoder("o200k_base");
    const second = loadEncoder("o200k_base");
    expect(second).toBe(first);
    expect(await getTokenizer({ model: "gpt-4o" })).toBeDefined();
  });
});

describe("countMessageTokens", () => {
  it("adds 3 per message, 1 per name and 3 for the reply priming", async () => {
    const messages = [
      { role: "system", content: "You are terse." },
      {
        role: "user",
        content: [{ text: "Hi " }, { media: { url: "x" } }, { text: "there" }],
        name: "ana",
      },
    ];
    const count = (text: string) => o200k.countTokens(text);
    const expected =
      3 +
      (3 + count("system") + count("You are terse.")) +
      (3 + count("user") + count("Hi there") + 1 + count("ana"));
    expect(await countMessageTokens(messages, { model: "gpt-4o-mini" })).toEqual({
      tokens: expected,
      encoding: "o200k_base",
      estimated: false,
    });
  });

  it("matches gpt-tokenizer's chat encoding for plain messages", async () => {
    const messages = [
      { role: "system" as const, content: "You are a helpful assistant." },
      { role: "user" as const, content: "What is the capital of France?" },
    ];
    const ours = await countMessageTokens(messages, { model: "gpt-4o" });
    expect(ours.tokens).toBe(o200k.encodeChat(messages, "gpt-4o").length);
  });
});
