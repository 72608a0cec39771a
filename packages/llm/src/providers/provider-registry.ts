import { type EmbeddingModel, type LanguageModel, QuireError } from "@quire/core";
import { createAiSdkEmbeddingModel } from "./ai-sdk-embedding-model.js";
import { createAiSdkLanguageModel } from "./ai-sdk-language-model.js";
import { checkProviderConfigs } from "./check-provider-configs.js";
import {
  createProviderClient,
  type FetchFunction,
  type ProviderClient,
} from "./create-provider-client.js";
import {
  defaultApiKeyEnv,
  defaultBaseUrl,
  type Environment,
  type ProviderConfig,
  type ProviderKind,
  type ProvidersConfig,
} from "./provider-config.js";

/** A configured provider as it may be shown: the key's variable and whether it is set, never the key. */
export interface ProviderDescription {
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  models: string[];
  embeddingModels: string[];
  apiKeyEnv: string | undefined;
  apiKeySet: boolean;
}

export interface ProviderRegistry {
  readonly providers: readonly ProviderDescription[];
  /** Every language model id, `provider/model`. */
  languageModelIds(): string[];
  embeddingModelIds(): string[];
  /**
   * The model for `provider/model` (or a bare model name that exactly one provider serves).
   * Unknown ids → VALIDATION_FAILED naming the configured ones; a provider whose key variable is
   * not set → CONFIG_INVALID naming the variable.
   */
  languageModel(modelId: string): LanguageModel;
  embeddingModel(modelId: string): EmbeddingModel;
  /** What is wrong without calling anything (key variables not set), for a warning at start. */
  problems(): string[];
}

export interface ProviderRegistryOptions {
  /** The `fetch` the SDK clients use (default: the global one). */
  fetch?: FetchFunction;
}

interface Entry {
  config: ProviderConfig;
  description: ProviderDescription;
  apiKey: string | undefined;
  client: ProviderClient | undefined;
}

/**
 * The registry of configured providers. `env` is read here, once: the key of each provider is
 * taken from the variable its `apiKeyEnv` names and kept in a closure (never logged, returned or
 * put in an error message).
 */
export function createProviderRegistry(
  config: ProvidersConfig,
  env: Environment,
  options: ProviderRegistryOptions = {},
): ProviderRegistry {
  const configs = config.providers ?? [];
  checkProviderConfigs(configs);
  const entries = new Map<string, Entry>();
  for (const provider of configs) {
    const apiKeyEnv = provider.apiKeyEnv ?? defaultApiKeyEnv[provider.kind];
    const value = apiKeyEnv === undefined ? undefined : env[apiKeyEnv];
    const apiKey = value === undefined || value === "" ? undefined : value;
    entries.set(provider.name, {
      config: provider,
      apiKey,
      client: undefined,
      description: {
        name: provider.name,
        kind: provider.kind,
        baseUrl: (provider.baseUrl ?? defaultBaseUrl[provider.kind] ?? "").replace(/\/+$/, ""),
        models: [...provider.models],
        embeddingModels: [...(provider.embeddingModels ?? [])],
        apiKeyEnv,
        apiKeySet: apiKey !== undefined,
      },
    });
  }
  const languageModels = new Map<string, LanguageModel>();
  const embeddingModels = new Map<string, EmbeddingModel>();
  const languageIds = () =>
    [...entries.values()].flatMap((entry) =>
      entry.description.models.map((model) => `${entry.config.name}/${model}`),
    );
  const embeddingIds = () =>
    [...entries.values()].flatMap((entry) =>
      entry.description.embeddingModels.map((model) => `${entry.config.name}/${model}`),
    );

  function resolve(modelId: string, kind: "models" | "embeddingModels") {
    const ids = kind === "models" ? languageIds() : embeddingIds();
    const what = kind === "models" ? "language model" : "embedding model";
    const found = find(modelId, kind);
    if (found === undefined) {
      const known =
        ids.length === 0
          ? `no ${what}s are configured; add a [[providers]] table with them to quire.toml`
          : `configured ${what}s: ${ids.join(", ")}`;
      throw new QuireError("VALIDATION_FAILED", `Unknown ${what} "${modelId}"; ${known}.`, {
        details: { modelId, configured: ids },
      });
    }
    const { entry, model } = found;
    const { apiKeyEnv } = entry.description;
    if (apiKeyEnv !== undefined && entry.apiKey === undefined) {
      throw new QuireError(
        "CONFIG_INVALID",
        `Provider "${entry.config.name}" needs its API key in the environment variable ${apiKeyEnv}, which is not set; set it before starting Quire (apiKeyEnv in quire.toml names the variable).`,
        { details: { provider: entry.config.name, variable: apiKeyEnv } },
      );
    }
    entry.client ??= createProviderClient(
      entry.config,
      entry.description.baseUrl,
      entry.apiKey,
      options.fetch,
    );
    const context = {
      modelId: `${entry.config.name}/${model}`,
      baseUrl: entry.description.baseUrl,
      ...(apiKeyEnv === undefined ? {} : { apiKeyEnv }),
      secrets: entry.apiKey === undefined ? [] : [entry.apiKey],
    };
    return { entry, model, client: entry.client, context };
  }

  function find(modelId: string, kind: "models" | "embeddingModels") {
    const slash = modelId.indexOf("/");
    if (slash > 0) {
      const entry = entries.get(modelId.slice(0, slash));
      const model = modelId.slice(slash + 1);
      if (entry?.description[kind].includes(model)) return { entry, model };
    }
    const serving = [...entries.values()].filter((entry) =>
      entry.description[kind].includes(modelId),
    );
    const [only] = serving;
    return serving.length === 1 && only !== undefined ? { entry: only, model: modelId } : undefined;
  }

  return {
    providers: [...entries.values()].map((entry) => entry.description),
    languageModelIds: languageIds,
    embeddingModelIds: embeddingIds,
    languageModel(modelId) {
      const cached = languageModels.get(modelId);
      if (cached !== undefined) return cached;
      const { entry, model, client, context } = resolve(modelId, "models");
      const created = createAiSdkLanguageModel(client.languageModel(model), {
        ...context,
        kind: entry.config.kind,
      });
      languageModels.set(modelId, created);
      return created;
    },
    embeddingModel(modelId) {
      const cached = embeddingModels.get(modelId);
      if (cached !== undefined) return cached;
      const { entry, model, client, context } = resolve(modelId, "embeddingModels");
      const sdkModel = client.embeddingModel(model);
      if (sdkModel === undefined) {
        throw new QuireError(
          "CONFIG_INVALID",
          `Provider "${entry.config.name}" (${entry.config.kind}) has no embedding models; list embedding models under an openai or openai-compatible provider.`,
          { details: { provider: entry.config.name, kind: entry.config.kind } },
        );
      }
      const created = createAiSdkEmbeddingModel(sdkModel, context);
      embeddingModels.set(modelId, created);
      return created;
    },
    problems() {
      return [...entries.values()]
        .filter((entry) => entry.description.apiKeyEnv !== undefined && entry.apiKey === undefined)
        .map(
          (entry) =>
            `provider "${entry.config.name}": the API key variable ${entry.description.apiKeyEnv} is not set`,
        );
    },
  };
}
