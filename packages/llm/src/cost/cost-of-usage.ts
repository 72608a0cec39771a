import { defaultModels, type ModelInfo, modelInfo, type TokenUsage } from "@quire/core";

/** What a call cost, in US dollars, and from what. */
export interface Cost {
  usd: number;
  /** Uncached input tokens × the input price. */
  inputUsd: number;
  /** Cached input tokens × the cached-input price (the input price when the table has none). */
  cachedInputUsd: number;
  outputUsd: number;
  /** True when the token counts are Quire's estimate, not the provider's report. */
  estimated: boolean;
}

/** The model part of `provider/model` (model names may themselves hold slashes). */
export function modelNameOf(modelId: string): string {
  const slash = modelId.indexOf("/");
  return slash === -1 ? modelId : modelId.slice(slash + 1);
}

/** The model table's entry for a model id, looked up by its model part, then by the whole id. */
export function modelEntryFor(
  modelId: string,
  table: readonly ModelInfo[] = defaultModels,
): ModelInfo | undefined {
  return modelInfo(modelNameOf(modelId), table) ?? modelInfo(modelId, table);
}

/**
 * Cost of a call from its token counts × the model table's prices (dollars per million tokens).
 * `usage.inputTokens` counts cached input too (see `toTokenUsage`), so cached tokens are taken
 * out of it and priced at the cached rate. Undefined when the table has no price for the model.
 */
export function costOfUsage(
  usage: TokenUsage,
  modelId: string,
  options: { table?: readonly ModelInfo[]; estimated?: boolean } = {},
): Cost | undefined {
  const price = modelEntryFor(modelId, options.table)?.price;
  if (price === undefined) return undefined;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const inputUsd = ((usage.inputTokens - cached) * price.input) / 1_000_000;
  const cachedInputUsd = (cached * (price.cachedInput ?? price.input)) / 1_000_000;
  const outputUsd = (usage.outputTokens * price.output) / 1_000_000;
  return {
    usd: inputUsd + cachedInputUsd + outputUsd,
    inputUsd,
    cachedInputUsd,
    outputUsd,
    estimated: options.estimated ?? false,
  };
}
