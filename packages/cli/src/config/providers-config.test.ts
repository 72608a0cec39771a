import { createProviderRegistry } from "@quire/llm";
import { describe, expect, test } from "vitest";
import { refusalOf } from "../../test/config-refusal.js";
import { parseConfigText } from "./load-config-file.js";

const problemsOf = (text: string): string[] => refusalOf(text).split("\n");

const valid = `
[[providers]]
name = "openai"
kind = "openai"
models = ["gpt-4o-mini"]
embeddingModels = ["text-embedding-3-small"]

[[providers]]
name = "local"
kind = "openai-compatible"
baseUrl = "http://127.0.0.1:11434/v1"
models = ["llama3.1:8b"]
apiKeyEnv = "LOCAL_KEY"
structuredOutputs = true
`;

describe("[[providers]] in quire.toml", () => {
  test("gives the provider configuration the registry takes", () => {
    const config = parseConfigText(valid, "quire.toml");
    expect(config.providers).toEqual([
      {
        name: "openai",
        kind: "openai",
        models: ["gpt-4o-mini"],
        embeddingModels: ["text-embedding-3-small"],
      },
      {
        name: "local",
        kind: "openai-compatible",
        baseUrl: "http://127.0.0.1:11434/v1",
        models: ["llama3.1:8b"],
        apiKeyEnv: "LOCAL_KEY",
        structuredOutputs: true,
      },
    ]);
    const registry = createProviderRegistry(config, { OPENAI_API_KEY: "sk-x" });
    expect(registry.languageModelIds()).toEqual(["openai/gpt-4o-mini", "local/llama3.1:8b"]);
  });

  test("bad values are reported by key", () => {
    const problems = problemsOf(`
[[providers]]
name = "open/ai"
kind = "gemini"
models = []

[[providers]]
name = "local"
kind = "openai-compatible"
models = ["m"]

[[providers]]
name = "local"
kind = "anthropic"
baseUrl = "ftp://example.com"
models = ["claude-sonnet-4"]
embeddingModels = ["e"]
`);
    const text = problems.join("\n");
    expect(text).toContain('providers.0.name must be letters, digits, "_", "." or "-"');
    expect(text).toContain(
      'providers.0.kind must be "openai", "anthropic" or "openai-compatible", got "gemini"',
    );
    expect(text).toContain('providers.1.baseUrl is required for kind = "openai-compatible"');
    expect(text).toContain("providers.2.baseUrl must be an http:// or https:// URL");
    expect(text).toContain("providers.2.embeddingModels cannot be given for Anthropic");
    const empty = problemsOf('[[providers]]\nname = "a"\nkind = "openai"\nmodels = []\n');
    expect(empty.join("\n")).toContain(
      "providers.0.models must name at least one model (or give embeddingModels)",
    );
    const duplicate = problemsOf(
      '[[providers]]\nname = "a"\nkind = "openai"\nmodels = ["m"]\n[[providers]]\nname = "a"\nkind = "anthropic"\nmodels = ["n"]\n',
    );
    expect(duplicate.join("\n")).toContain(
      "providers.1.name repeats the name of providers entry 1; each provider needs its own",
    );
  });

  test("an unknown key gets the known ones and a suggestion", () => {
    const problems = problemsOf(
      '[[providers]]\nname = "a"\nkind = "openai"\nmodels = ["m"]\nbaseURL = "http://x"\n',
    );
    expect(problems.join("\n")).toContain(
      'unknown key "baseURL" in [providers.0] of quire.toml (known: name, kind, baseUrl, models, embeddingModels, apiKeyEnv, structuredOutputs); did you mean "baseUrl"?',
    );
  });

  test("a key pasted where the variable's name belongs is refused without being shown", () => {
    const problems = problemsOf(
      '[[providers]]\nname = "a"\nkind = "openai"\nmodels = ["m"]\napiKeyEnv = "sk-proj-abc123secret"\n',
    );
    const text = problems.join("\n");
    expect(text).toContain("apiKeyEnv that is not an environment variable name");
    expect(text).not.toContain("sk-proj-abc123secret");
  });
});
