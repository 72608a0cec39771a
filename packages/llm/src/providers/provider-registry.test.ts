import { isQuireError, type QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import type { ProviderConfig } from "./provider-config.js";
import { createProviderRegistry } from "./provider-registry.js";

const providers: ProviderConfig[] = [
  {
    name: "openai",
    kind: "openai",
    models: ["gpt-4o-mini"],
    embeddingModels: ["text-embedding-3-small"],
  },
  { name: "claude", kind: "anthropic", models: ["claude-sonnet-4"], apiKeyEnv: "MY_ANTHROPIC_KEY" },
  {
    name: "local",
    kind: "openai-compatible",
    baseUrl: "http://127.0.0.1:11434/v1/",
    models: ["llama3.1:8b", "gpt-4o-mini"],
  },
];
const env = { OPENAI_API_KEY: "sk-openai-secret", MY_ANTHROPIC_KEY: "sk-ant-secret" };

function thrown(run: () => unknown): QuireError {
  try {
    run();
  } catch (error) {
    if (isQuireError(error)) return error;
    throw error;
  }
  throw new Error("expected a QuireError");
}

describe("createProviderRegistry", () => {
  test("resolves provider/model ids to models, once each", () => {
    const registry = createProviderRegistry({ providers }, env);
    const model = registry.languageModel("claude/claude-sonnet-4");
    expect(model.modelId).toBe("claude/claude-sonnet-4");
    expect(registry.languageModel("claude/claude-sonnet-4")).toBe(model);
    expect(registry.languageModel("local/llama3.1:8b").modelId).toBe("local/llama3.1:8b");
    expect(registry.languageModel("llama3.1:8b").modelId).toBe("local/llama3.1:8b");
    expect(registry.embeddingModel("openai/text-embedding-3-small").modelId).toBe(
      "openai/text-embedding-3-small",
    );
    expect(registry.languageModelIds()).toEqual([
      "openai/gpt-4o-mini",
      "claude/claude-sonnet-4",
      "local/llama3.1:8b",
      "local/gpt-4o-mini",
    ]);
  });

  test("an unknown or ambiguous model names the configured ones", () => {
    const registry = createProviderRegistry({ providers }, env);
    const unknown = thrown(() => registry.languageModel("mistral/large"));
    expect(unknown.code).toBe("VALIDATION_FAILED");
    expect(unknown.message).toBe(
      'Unknown language model "mistral/large"; configured language models: openai/gpt-4o-mini, claude/claude-sonnet-4, local/llama3.1:8b, local/gpt-4o-mini.',
    );
    expect(thrown(() => registry.languageModel("gpt-4o-mini")).details.modelId).toBe("gpt-4o-mini");
    expect(thrown(() => registry.languageModel("openai/claude-sonnet-4")).code).toBe(
      "VALIDATION_FAILED",
    );
    const empty = thrown(() => createProviderRegistry({}, env).languageModel("openai/gpt-4o"));
    expect(empty.message).toContain("no language models are configured; add a [[providers]] table");
  });

  test("a missing key names its variable; keys appear in no description or error", () => {
    const registry = createProviderRegistry({ providers }, { OPENAI_API_KEY: "sk-openai-secret" });
    const missing = thrown(() => registry.languageModel("claude/claude-sonnet-4"));
    expect(missing.code).toBe("CONFIG_INVALID");
    expect(missing.message).toContain("MY_ANTHROPIC_KEY");
    expect(missing.details).toEqual({ provider: "claude", variable: "MY_ANTHROPIC_KEY" });
    expect(registry.problems()).toEqual([
      'provider "claude": the API key variable MY_ANTHROPIC_KEY is not set',
    ]);
    expect(registry.languageModel("local/llama3.1:8b").modelId).toBe("local/llama3.1:8b");
    expect(JSON.stringify(registry.providers)).not.toContain("secret");
    expect(registry.providers[0]).toEqual({
      name: "openai",
      kind: "openai",
      baseUrl: "https://api.openai.com/v1",
      models: ["gpt-4o-mini"],
      embeddingModels: ["text-embedding-3-small"],
      apiKeyEnv: "OPENAI_API_KEY",
      apiKeySet: true,
    });
    expect(registry.providers[2]?.baseUrl).toBe("http://127.0.0.1:11434/v1");
    expect(registry.providers[2]?.apiKeyEnv).toBeUndefined();
  });

  test("bad configurations are refused with every problem by key", () => {
    const error = thrown(() =>
      createProviderRegistry(
        {
          providers: [
            { name: "a/b", kind: "openai", models: ["m"] },
            { name: "x", kind: "openai-compatible", models: [] },
            {
              name: "x",
              kind: "anthropic",
              models: ["m"],
              embeddingModels: ["e"],
              apiKeyEnv: "sk-live-123",
            },
            { name: "y", kind: "gemini" as "openai", baseUrl: "ftp://host", models: ["m"] },
          ],
        },
        env,
      ),
    );
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.details.problems).toEqual([
      'providers[0].name must be letters, digits, "_", "." or "-" (no "/"), got "a/b"',
      "providers[1].baseUrl is needed for an openai-compatible provider",
      "providers[1].models must name at least one model",
      'providers[2].name "x" is used by another provider',
      "providers[2].embeddingModels: Anthropic serves no embedding models",
      "providers[2].apiKeyEnv must be the name of an environment variable (like OPENAI_API_KEY), not the key itself",
      'providers[3].kind must be one of openai, anthropic, openai-compatible, got "gemini"',
      'providers[3].baseUrl must be an http:// or https:// URL, got "ftp://host"',
    ]);
    expect(error.message).not.toContain("sk-live-123");
  });
});
