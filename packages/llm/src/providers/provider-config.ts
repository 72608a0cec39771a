/** One `[[providers]]` entry of quire.toml: where a provider is and which models it serves. */

export const providerKinds = ["openai", "anthropic", "openai-compatible"] as const;
export type ProviderKind = (typeof providerKinds)[number];

export interface ProviderConfig {
  /** The first part of a model id (`openai` in `openai/gpt-4o-mini`): letters, digits, `_.-`. */
  name: string;
  kind: ProviderKind;
  /**
   * The API's base URL, up to and including its version (`http://127.0.0.1:11434/v1`). Optional
   * for `openai` and `anthropic` (their public APIs); required for `openai-compatible`.
   */
  baseUrl?: string;
  /** Language models served, by the provider's own names (`gpt-4o-mini`, `llama3.1:8b`). */
  models: string[];
  /** Embedding models served (`text-embedding-3-small`); Anthropic has none. */
  embeddingModels?: string[];
  /**
   * The *name* of the environment variable holding the API key (never the key itself). Default
   * `OPENAI_API_KEY` for `openai`, `ANTHROPIC_API_KEY` for `anthropic`; an `openai-compatible`
   * provider without one is called without a key (Ollama, llama.cpp).
   */
  apiKeyEnv?: string;
  /** `openai-compatible` only: the server accepts JSON-schema response formats (default false). */
  structuredOutputs?: boolean;
}

/** What a registry reads the configuration from: quire.toml's parsed content will do. */
export interface ProvidersConfig {
  providers?: readonly ProviderConfig[];
}

/** Environment variables, as `process.env` gives them. */
export type Environment = Readonly<Record<string, string | undefined>>;

export const defaultApiKeyEnv: Record<ProviderKind, string | undefined> = {
  openai: "OPENAI_API_KEY",
  anthropic: "ANTHROPIC_API_KEY",
  "openai-compatible": undefined,
};

export const defaultBaseUrl: Record<ProviderKind, string | undefined> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1",
  "openai-compatible": undefined,
};

export const providerNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
