import type { LanguageModel } from "@quire/core";
import type { CacheContext } from "@quire/llm";

/**
 * What a run puts in front of each model of its chain: `@quire/llm`'s `ResponseCache` is one
 * (in memory, or on a shared store); a layer combining the exact and the semantic cache is
 * another. `wrap` is called per run, with the prompt's name and the request's cache choice.
 */
export interface ModelCache {
  wrap(model: LanguageModel, context: CacheContext): LanguageModel;
}
