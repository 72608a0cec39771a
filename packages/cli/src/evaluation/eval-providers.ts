import { type GenerationParameters, QuireError } from "@quire/core";
import type { EvalModel } from "@quire/engine";
import { type ProviderKind, type ProviderRegistry, withResilience } from "@quire/llm";
import type { ProviderEntry, ProviderSettings } from "./eval-config-schema.js";

/** promptfoo's provider prefixes and the kind of quire.toml provider that serves them. */
const kindByPromptfooPrefix: Record<string, ProviderKind> = {
  openai: "openai",
  anthropic: "anthropic",
  ollama: "openai-compatible",
  vllm: "openai-compatible",
  localai: "openai-compatible",
  llamafile: "openai-compatible",
  "llama.cpp": "openai-compatible",
  openrouter: "openai-compatible",
  groq: "openai-compatible",
  together: "openai-compatible",
  "openai-compatible": "openai-compatible",
};

const promptfooApis = new Set(["chat", "completion", "messages", "responses"]);

export interface ModelsOptions {
  registry: ProviderRegistry;
  /** Retries per call after a retryable failure (default 2). */
  maxRetries: number;
  /** Each attempt's time limit. */
  timeoutMs: number;
  configLabel: string;
}

/**
 * Resolves a model id as the eval config may write it to quire.toml's `provider/model`:
 * `local/llama3.1:8b` and a bare `gpt-4o-mini` (served by one provider) as `quire run` takes
 * them, and promptfoo's `openai:chat:gpt-4o-mini`, `openai:gpt-4o-mini`,
 * `anthropic:messages:claude-…`, `ollama:chat:llama3` mapped onto a configured provider of the
 * matching kind that serves the model.
 */
export function resolveModelId(written: string, registry: ProviderRegistry, where: string): string {
  const slash = written.indexOf("/");
  const colon = written.indexOf(":");
  if (colon === -1 || (slash !== -1 && slash < colon)) return written;
  const parts = written.split(":");
  const prefix = parts[0] ?? "";
  const kind = kindByPromptfooPrefix[prefix];
  if (kind === undefined) return written; // A model name with a colon (`llama3.1:8b`).
  const rest = parts.slice(1);
  const model = (promptfooApis.has(rest[0] ?? "") && rest.length > 1 ? rest.slice(1) : rest).join(
    ":",
  );
  const serving = registry.providers.filter((provider) => provider.models.includes(model));
  const byName = serving.filter((provider) => provider.name === prefix);
  const byKind = serving.filter((provider) => provider.kind === kind);
  const [chosen] = byName.length === 1 ? byName : byKind.length === 1 ? byKind : [];
  if (chosen !== undefined) return `${chosen.name}/${model}`;
  const configured = registry.languageModelIds();
  const why =
    byKind.length > 1
      ? `several ${kind} providers serve it (${byKind.map((provider) => provider.name).join(", ")}); write NAME/${model}`
      : `quire.toml has no ${kind} provider serving "${model}" (configured: ${configured.length === 0 ? "none" : configured.join(", ")}); add it to a [[providers]] table's models`;
  throw new QuireError(
    "VALIDATION_FAILED",
    `${where}: ${written} maps to a provider of kind ${kind}, but ${why}.`,
    {
      details: { provider: written, kind, model, configured },
    },
  );
}

/** The models of the matrix, each behind retries and a time limit, with its own parameters. */
export function buildEvalModels(
  entries: readonly ProviderEntry[],
  options: ModelsOptions,
): EvalModel[] {
  const models: EvalModel[] = [];
  for (const [index, entry] of entries.entries()) {
    const where = `${options.configLabel} providers[${index}]`;
    const object = typeof entry === "string" ? { id: entry } : entry;
    const modelId = resolveModelId(object.id, options.registry, where);
    let model: EvalModel["model"];
    try {
      model = options.registry.languageModel(modelId);
    } catch (error) {
      throw new QuireError("VALIDATION_FAILED", `${where}: ${(error as Error).message}`, {
        cause: error,
        details: { provider: object.id },
      });
    }
    const id = object.label ?? modelId;
    if (models.some((other) => other.id === id)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `${where}: ${id} is already in providers; give each entry its own label ({id, label, config}) to run one model with several settings.`,
        { details: { provider: id } },
      );
    }
    const params = parametersOf("config" in object ? object.config : undefined);
    models.push({
      id,
      model: withResilience(model, {
        timeoutMs: options.timeoutMs,
        retry: { maxRetries: options.maxRetries },
      }),
      ...(Object.keys(params).length === 0 ? {} : { params }),
    });
  }
  return models;
}

/** A provider entry's settings, promptfoo's snake_case names read as Quire's parameters. */
export function parametersOf(settings: ProviderSettings | undefined): GenerationParameters {
  if (settings === undefined) return {};
  const stop = settings.stopSequences ?? settings.stop;
  const entries: [keyof GenerationParameters, unknown][] = [
    ["temperature", settings.temperature],
    ["maxOutputTokens", settings.maxOutputTokens ?? settings.maxTokens ?? settings.max_tokens],
    ["topP", settings.topP ?? settings.top_p],
    ["seed", settings.seed],
    ["stopSequences", typeof stop === "string" ? [stop] : stop],
    ["presencePenalty", settings.presencePenalty ?? settings.presence_penalty],
    ["frequencyPenalty", settings.frequencyPenalty ?? settings.frequency_penalty],
  ];
  return Object.fromEntries(
    entries.filter(([, value]) => value !== undefined),
  ) as GenerationParameters;
}
