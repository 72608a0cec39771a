/** The OpenAI byte-pair encodings Quire counts exactly. */
export type EncodingName = "o200k_base" | "cl100k_base";

/** Model families whose tokenizer Quire does not ship; their counts are estimates. */
export type EstimatedFamily = "anthropic" | "google" | "meta" | "mistral" | "unknown";

export type TokenizerChoice =
  | { encoding: EncodingName; estimated: false; factor: 1 }
  | { encoding: "o200k_base"; estimated: true; family: EstimatedFamily; factor: number };

/**
 * How many tokens a family's own tokenizer produces per o200k token. An estimate is the o200k
 * count times this factor, rounded up, and is flagged `estimated: true` in every answer. o200k is
 * already loaded for OpenAI models and follows code and JSON far better than characters ÷ 4.
 *
 * Method: factor = (the vendor's documented characters per token for OpenAI's tokenizers) ÷ (the
 * vendor's documented characters per token for its own) × a 1.1 margin, so that a budget built on
 * an estimate errs towards leaving room. Sources (checked 2026-11-21; see README "Token estimates"):
 * - google 1.1: Google documents "a token is equivalent to about 4 characters; 100 tokens are
 *   about 60–80 English words" for Gemini (ai.google.dev/gemini-api/docs/tokens), OpenAI "1 token
 *   ≈ 4 characters, 100 tokens ≈ 75 words" for English (help.openai.com, article 4936856):
 *   ratio 1.0 × margin. Gemma shares Gemini's tokenizer family.
 * - meta 1.1: Meta describes Llama 3's tokenizer as tiktoken-based, 128K tokens of which 100K are
 *   tiktoken's, about 4 characters per English token (Meta's "Introducing multimodal Llama 3.2"
 *   course on DeepLearning.AI): ratio 1.0 × margin.
 * - anthropic 1.2: NOT from a vendor ratio. Anthropic publishes no characters-per-token figure
 *   (its count_tokens API is the exact way); it documents that Claude Opus 4.7's tokenizer gives
 *   "roughly 1.0–1.35×" the tokens of earlier Claude models, so for Opus 4.7 and later this
 *   estimate may be low by up to that much. Override it per model in quire.toml.
 * - mistral 1.2: NOT from a vendor ratio. Mistral documents its tekken tokenizer as tiktoken-based
 *   (mistral-common docs) without a characters-per-token figure.
 * - unknown 1.25: no source; a margin for any other model.
 */
export const estimateFactors: Readonly<Record<EstimatedFamily, number>> = {
  anthropic: 1.2,
  google: 1.1,
  meta: 1.1,
  mistral: 1.2,
  unknown: 1.25,
};

export const estimatedFamilies = Object.keys(estimateFactors) as readonly EstimatedFamily[];

/** How a model table entry may say how to count its tokens (from `[models]` in quire.toml). */
export type TokenizerSetting =
  | { encoding: EncodingName }
  | { estimate: EstimatedFamily; factor?: number };

const o200kModels = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)(\b|[-.])/;
const cl100kModels =
  /^(gpt-4|gpt-3\.5-turbo|gpt-35-turbo|text-embedding-3|text-embedding-ada-002)(\b|[-.])/;

/** The bare model name: lower case, without a provider prefix (`openai/gpt-4o` → `gpt-4o`). */
export function bareModelName(model: string): string {
  const lower = model.trim().toLowerCase();
  const slash = lower.lastIndexOf("/");
  return slash === -1 ? lower : lower.slice(slash + 1);
}

/**
 * Which encoding counts a model's tokens, and whether that count is exact or an estimate: the
 * model table entry's own `tokenizer` setting when it has one, else by the model's name.
 */
export function tokenizerForModel(model: string, setting?: TokenizerSetting): TokenizerChoice {
  if (setting !== undefined) {
    if ("encoding" in setting) return { encoding: setting.encoding, estimated: false, factor: 1 };
    return {
      encoding: "o200k_base",
      estimated: true,
      family: setting.estimate,
      factor: setting.factor ?? estimateFactors[setting.estimate],
    };
  }
  const name = bareModelName(model);
  if (o200kModels.test(name)) return { encoding: "o200k_base", estimated: false, factor: 1 };
  if (cl100kModels.test(name)) return { encoding: "cl100k_base", estimated: false, factor: 1 };
  const family = estimatedFamily(name);
  return { encoding: "o200k_base", estimated: true, family, factor: estimateFactors[family] };
}

function estimatedFamily(name: string): EstimatedFamily {
  if (name.includes("claude")) return "anthropic";
  if (name.includes("gemini") || name.includes("gemma")) return "google";
  if (name.includes("llama")) return "meta";
  if (name.includes("mistral") || name.includes("mixtral") || name.includes("codestral"))
    return "mistral";
  return "unknown";
}
