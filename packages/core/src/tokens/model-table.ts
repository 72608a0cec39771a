/** What Quire knows about a model: its limits and its list prices. */
export interface ModelInfo {
  name: string;
  provider: "openai" | "anthropic" | "google" | "meta" | "mistral" | (string & {});
  /** Other names that mean this model (dated snapshots match by prefix without being listed). */
  aliases?: readonly string[];
  /** Tokens of input plus output the model accepts in one request. */
  contextWindow: number;
  /** The most tokens one reply may have. */
  maxOutputTokens: number;
  /** US dollars per million tokens; absent where the price depends on the host. */
  price?: { input: number; output: number; cachedInput?: number };
}

/**
 * A handful of current models, with list prices as published by their vendors in 2025 (standard
 * tier, prompts under 200k tokens for Gemini 2.5 Pro). Prices change: check before billing
 * anyone, and override entries in `quire.toml` (see `withModelOverrides`).
 */
export const defaultModels: readonly ModelInfo[] = [
  {
    name: "gpt-4o",
    provider: "openai",
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    price: { input: 2.5, output: 10, cachedInput: 1.25 },
    aliases: ["chatgpt-4o-latest"],
  },
  {
    name: "gpt-4o-mini",
    provider: "openai",
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    price: { input: 0.15, output: 0.6, cachedInput: 0.075 },
  },
  {
    name: "gpt-4.1",
    provider: "openai",
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    price: { input: 2, output: 8, cachedInput: 0.5 },
  },
  {
    name: "gpt-4.1-mini",
    provider: "openai",
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    price: { input: 0.4, output: 1.6, cachedInput: 0.1 },
  },
  {
    name: "gpt-4.1-nano",
    provider: "openai",
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    price: { input: 0.1, output: 0.4, cachedInput: 0.025 },
  },
  {
    name: "o3",
    provider: "openai",
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    price: { input: 2, output: 8, cachedInput: 0.5 },
  },
  {
    name: "o3-mini",
    provider: "openai",
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    price: { input: 1.1, output: 4.4, cachedInput: 0.55 },
  },
  {
    name: "o4-mini",
    provider: "openai",
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    price: { input: 1.1, output: 4.4, cachedInput: 0.275 },
  },
  {
    name: "gpt-4-turbo",
    provider: "openai",
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    price: { input: 10, output: 30 },
  },
  {
    name: "gpt-4",
    provider: "openai",
    contextWindow: 8_192,
    maxOutputTokens: 8_192,
    price: { input: 30, output: 60 },
  },
  {
    name: "gpt-3.5-turbo",
    provider: "openai",
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    price: { input: 0.5, output: 1.5 },
  },
  {
    name: "text-embedding-3-small",
    provider: "openai",
    contextWindow: 8_191,
    maxOutputTokens: 0,
    price: { input: 0.02, output: 0 },
  },
  {
    name: "claude-opus-4",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    price: { input: 15, output: 75, cachedInput: 1.5 },
    aliases: ["claude-opus-4-0"],
  },
  {
    name: "claude-sonnet-4",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: { input: 3, output: 15, cachedInput: 0.3 },
    aliases: ["claude-sonnet-4-0"],
  },
  {
    name: "claude-3-5-haiku",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    price: { input: 0.8, output: 4, cachedInput: 0.08 },
    aliases: ["claude-3-5-haiku-latest"],
  },
  {
    name: "gemini-2.5-pro",
    provider: "google",
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    price: { input: 1.25, output: 10, cachedInput: 0.31 },
  },
  {
    name: "gemini-2.5-flash",
    provider: "google",
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    price: { input: 0.3, output: 2.5, cachedInput: 0.075 },
  },
  {
    name: "llama-3.3-70b",
    provider: "meta",
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    aliases: ["llama3.3:70b", "meta-llama/llama-3.3-70b-instruct"],
  },
  {
    name: "mistral-large",
    provider: "mistral",
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    price: { input: 2, output: 6 },
    aliases: ["mistral-large-latest"],
  },
];
