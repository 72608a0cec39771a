import { createProviderRegistry } from "@quire/llm";
import { describe, expect, test } from "vitest";
import { parametersOf, resolveModelId } from "./eval-providers.js";

const registry = createProviderRegistry(
  {
    providers: [
      { name: "openai", kind: "openai", models: ["gpt-4o-mini"] },
      { name: "work", kind: "anthropic", models: ["claude-sonnet-4-5"] },
      {
        name: "local",
        kind: "openai-compatible",
        baseUrl: "http://127.0.0.1:11434/v1",
        models: ["llama3.1:8b", "gpt-4o-mini"],
      },
      {
        name: "vllm",
        kind: "openai-compatible",
        baseUrl: "http://127.0.0.1:8000/v1",
        models: ["qwen"],
      },
    ],
  },
  { OPENAI_API_KEY: "k", ANTHROPIC_API_KEY: "k" },
);

describe("promptfoo provider ids onto quire.toml's providers", () => {
  test.each([
    ["local/llama3.1:8b", "local/llama3.1:8b"],
    ["llama3.1:8b", "llama3.1:8b"], // a model name with a colon is left to the registry
    ["openai:chat:gpt-4o-mini", "openai/gpt-4o-mini"], // the provider named like the prefix
    ["openai:gpt-4o-mini", "openai/gpt-4o-mini"],
    ["anthropic:messages:claude-sonnet-4-5", "work/claude-sonnet-4-5"], // the one of that kind
    ["ollama:chat:llama3.1:8b", "local/llama3.1:8b"],
    ["vllm:qwen", "vllm/qwen"],
  ])("%s → %s", (written, expected) => {
    expect(resolveModelId(written, registry, "quire.eval.yaml providers[0]")).toBe(expected);
  });

  test("no provider of the kind serving the model says what to add; several say which to name", () => {
    expect(() => resolveModelId("anthropic:claude-opus", registry, "here")).toThrow(
      /here: anthropic:claude-opus maps to a provider of kind anthropic, but quire.toml has no anthropic provider serving "claude-opus".*\[\[providers\]\]/,
    );
    const two = createProviderRegistry(
      {
        providers: [
          { name: "a", kind: "openai-compatible", baseUrl: "http://127.0.0.1:1/v1", models: ["m"] },
          { name: "b", kind: "openai-compatible", baseUrl: "http://127.0.0.1:2/v1", models: ["m"] },
        ],
      },
      {},
    );
    expect(() => resolveModelId("ollama:m", two, "here")).toThrow(
      /several openai-compatible providers serve it \(a, b\); write NAME\/m/,
    );
  });

  test("promptfoo's snake_case settings read as Quire's parameters; camelCase wins", () => {
    expect(
      parametersOf({
        temperature: 0,
        max_tokens: 100,
        top_p: 0.9,
        stop: "END",
        presence_penalty: 0.1,
      }),
    ).toEqual({
      temperature: 0,
      maxOutputTokens: 100,
      topP: 0.9,
      stopSequences: ["END"],
      presencePenalty: 0.1,
    });
    expect(parametersOf({ maxOutputTokens: 5, max_tokens: 100 })).toEqual({ maxOutputTokens: 5 });
    expect(parametersOf(undefined)).toEqual({});
  });
});
