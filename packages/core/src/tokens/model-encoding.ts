/** The OpenAI byte-pair encodings Quire counts exactly. */
export type EncodingName = "o200k_base" | "cl100k_base";

/** Model families whose tokenizer Quire does not ship; their counts are estimates. */
export type EstimatedFamily = "anthropic" | "google" | "meta" | "mistral" | "unknown";

export type TokenizerChoice =
  | { encoding: EncodingName; estimated: false; factor: 1 }
  | { encoding: "o200k_base"; estimated: true; family: EstimatedFamily; factor: number };

/**
 * How many tokens a family's own tokenizer produces per o200k token. Estimates are the o200k count
 * times this factor, rounded up: o200k is already loaded for OpenAI models and follows code and
 * JSON far better than characters/4. The factors are deliberately on the high side, so a budget
 * built on an estimate errs towards leaving room rather than overflowing the window:
 * - anthropic 1.2: Claude's tokenizer splits English and code into noticeably more pieces than
 *   o200k (its vocabulary is smaller);
 * - google 1.1 and meta 1.1: Gemini's SentencePiece and Llama 3's 128k tiktoken-style vocabulary
 *   sit close to o200k and cl100k;
 * - mistral 1.2: a 32k–131k vocabulary; unknown 1.25: a safe margin for anything else.
 * They are not measured against the vendors' tokenizers here; replace them when a count API is used.
 */
export const estimateFactors: Readonly<Record<EstimatedFamily, number>> = {
  anthropic: 1.2,
  google: 1.1,
  meta: 1.1,
  mistral: 1.2,
  unknown: 1.25,
};

const o200kModels = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)(\b|[-.])/;
const cl100kModels =
  /^(gpt-4|gpt-3\.5-turbo|gpt-35-turbo|text-embedding-3|text-embedding-ada-002)(\b|[-.])/;

/** The bare model name: lower case, without a provider prefix (`openai/gpt-4o` → `gpt-4o`). */
export function bareModelName(model: string): string {
  const lower = model.trim().toLowerCase();
  const slash = lower.lastIndexOf("/");
  return slash === -1 ? lower : lower.slice(slash + 1);
}

/** Which encoding counts a model's tokens, and whether that count is exact or an estimate. */
export function tokenizerForModel(model: string): TokenizerChoice {
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
