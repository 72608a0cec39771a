import type { TokenizerSetting } from "./model-encoding.js";

/** Where an entry's figures come from, and whether they were checked against the vendor. */
export interface ModelSource {
  /** The page the figures were checked against (or the override's file). */
  url: string;
  /** When they were checked (YYYY-MM-DD). */
  checkedOn: string;
  /**
   * `vendor`: every figure matches the vendor's own page; `partly`: the prices (or limits) match
   * it and `note` says what does not; `unverified`: no vendor page confirmed them.
   */
  verified: "vendor" | "partly" | "unverified";
  note?: string;
}

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
  /** How to count its tokens when its name does not say (see `tokenizerForModel`). */
  tokenizer?: TokenizerSetting;
  /** Where the figures come from. */
  source?: ModelSource;
}

const checkedOn = "2026-11-21";
const anthropicPricing: ModelSource = {
  url: "https://platform.claude.com/docs/en/about-claude/pricing",
  checkedOn,
  verified: "partly",
  note: "prices (input, cache hits, output) match the vendor's pricing page; context window and max output from the vendor's model pages where noted, else from secondary sources",
};
const openAiUnverified: ModelSource = {
  url: "https://developers.openai.com/api/docs/pricing",
  checkedOn,
  verified: "unverified",
  note: "the vendor's pricing and model pages were not reachable from here; figures agree with several secondary price lists of 2025–2026",
};
const googleUnverified: ModelSource = {
  url: "https://ai.google.dev/gemini-api/docs/pricing",
  checkedOn,
  verified: "unverified",
  note: "the vendor's pricing page was not reachable from here; input and output prices (prompts up to 200k tokens) agree with secondary sources, the cached price may have changed since",
};

/**
 * A handful of models with list prices (US dollars per million tokens, standard tier; Gemini 2.5
 * Pro for prompts up to 200k tokens). Each entry says where its figures come from and whether
 * they were checked against the vendor (`source`). Prices change: check before billing anyone,
 * and override entries under `[models]` in quire.toml (see `withModelOverrides`).
 */
export const defaultModels: readonly ModelInfo[] = [
  {
    name: "gpt-4o",
    provider: "openai",
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    price: { input: 2.5, output: 10, cachedInput: 1.25 },
    aliases: ["chatgpt-4o-latest"],
    source: openAiUnverified,
  },
  {
    name: "gpt-4o-mini",
    provider: "openai",
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    price: { input: 0.15, output: 0.6, cachedInput: 0.075 },
    source: openAiUnverified,
  },
  {
    name: "gpt-4.1",
    provider: "openai",
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    price: { input: 2, output: 8, cachedInput: 0.5 },
    source: openAiUnverified,
  },
  {
    name: "gpt-4.1-mini",
    provider: "openai",
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    price: { input: 0.4, output: 1.6, cachedInput: 0.1 },
    source: openAiUnverified,
  },
  {
    name: "gpt-4.1-nano",
    provider: "openai",
    contextWindow: 1_047_576,
    maxOutputTokens: 32_768,
    price: { input: 0.1, output: 0.4, cachedInput: 0.025 },
    source: openAiUnverified,
  },
  {
    name: "o3",
    provider: "openai",
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    price: { input: 2, output: 8, cachedInput: 0.5 },
    source: openAiUnverified,
  },
  {
    name: "o3-mini",
    provider: "openai",
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    price: { input: 1.1, output: 4.4, cachedInput: 0.55 },
    source: openAiUnverified,
  },
  {
    name: "o4-mini",
    provider: "openai",
    contextWindow: 200_000,
    maxOutputTokens: 100_000,
    price: { input: 1.1, output: 4.4, cachedInput: 0.275 },
    source: openAiUnverified,
  },
  {
    name: "gpt-4-turbo",
    provider: "openai",
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    price: { input: 10, output: 30 },
    source: openAiUnverified,
  },
  {
    name: "gpt-4",
    provider: "openai",
    contextWindow: 8_192,
    maxOutputTokens: 8_192,
    price: { input: 30, output: 60 },
    source: openAiUnverified,
  },
  {
    name: "gpt-3.5-turbo",
    provider: "openai",
    contextWindow: 16_385,
    maxOutputTokens: 4_096,
    price: { input: 0.5, output: 1.5 },
    source: openAiUnverified,
  },
  {
    name: "text-embedding-3-small",
    provider: "openai",
    contextWindow: 8_191,
    maxOutputTokens: 0,
    price: { input: 0.02, output: 0 },
    source: openAiUnverified,
  },
  {
    name: "claude-opus-4",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    price: { input: 15, output: 75, cachedInput: 1.5 },
    aliases: ["claude-opus-4-0"],
    source: {
      ...anthropicPricing,
      note: "prices match the vendor's pricing page (where it is marked retired except on Google Cloud); 200k window and 32k max output from secondary sources",
    },
  },
  {
    name: "claude-sonnet-4",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: { input: 3, output: 15, cachedInput: 0.3 },
    aliases: ["claude-sonnet-4-0"],
    source: {
      ...anthropicPricing,
      note: "prices match the vendor's pricing page; 200k window (1M in beta per the vendor's help centre) and 64k max output from secondary sources",
    },
  },
  {
    name: "claude-3-5-haiku",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    price: { input: 0.8, output: 4, cachedInput: 0.08 },
    aliases: ["claude-3-5-haiku-latest"],
    source: {
      ...anthropicPricing,
      note: "prices match the vendor's pricing page; 200k window and 8,192 max output from secondary sources",
    },
  },
  {
    name: "claude-haiku-4-5",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: { input: 1, output: 5, cachedInput: 0.1 },
    source: {
      url: "https://platform.claude.com/docs/en/about-claude/models/overview",
      checkedOn,
      verified: "vendor",
      note: "window and max output from the vendor's models overview, prices from its pricing page",
    },
  },
  {
    name: "claude-sonnet-4-5",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: { input: 3, output: 15, cachedInput: 0.3 },
    source: {
      ...anthropicPricing,
      note: "prices match the vendor's pricing page; 200k window (1M in beta) and 64k max output from secondary sources",
    },
  },
  {
    name: "claude-opus-4-5",
    provider: "anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    price: { input: 5, output: 25, cachedInput: 0.5 },
    source: {
      ...anthropicPricing,
      note: "prices match the vendor's pricing page; 200k window and 64k max output from secondary sources",
    },
  },
  {
    name: "gemini-2.5-pro",
    provider: "google",
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    price: { input: 1.25, output: 10, cachedInput: 0.31 },
    source: googleUnverified,
  },
  {
    name: "gemini-2.5-flash",
    provider: "google",
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    price: { input: 0.3, output: 2.5, cachedInput: 0.075 },
    source: googleUnverified,
  },
  {
    name: "llama-3.3-70b",
    provider: "meta",
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    aliases: ["llama3.3:70b", "meta-llama/llama-3.3-70b-instruct"],
    source: {
      url: "https://www.llama.com/docs/model-cards-and-prompt-formats/llama3_3/",
      checkedOn,
      verified: "unverified",
      note: "no list price (it depends on the host); 128k window from Meta's announcement as quoted by secondary sources; max output depends on the host",
    },
  },
  {
    name: "mistral-large",
    provider: "mistral",
    contextWindow: 131_072,
    maxOutputTokens: 8_192,
    price: { input: 2, output: 6 },
    aliases: ["mistral-large-latest"],
    source: {
      url: "https://docs.mistral.ai/getting-started/models/",
      checkedOn,
      verified: "unverified",
      note: "the vendor's pages were not reachable from here; window, max output and price are as written in 2025 and not confirmed",
    },
  },
];
