import type { GenerateRequest, LanguageModel, ModelInfo } from "@quire/core";
import {
  type CacheContext,
  SemanticCache,
  type SemanticCacheOptions,
  type SemanticGenerateResult,
} from "@quire/llm";
import type { CacheStatisticsBuffer } from "./cache-statistics-buffer.js";
import { savedCostOf } from "./counting-response-cache.js";

/**
 * llm's `SemanticCache`, counting its hits (with the tokens and cost saved) and misses into the
 * persisted statistics. Calls it does not look up (sampled answers not asked to be cached) are
 * not counted here: the exact cache in front of it counts them as skipped.
 */
export class CountingSemanticCache extends SemanticCache {
  constructor(
    private readonly settings: SemanticCacheOptions & { modelTable?: readonly ModelInfo[] },
    private readonly counts: CacheStatisticsBuffer,
  ) {
    super(settings);
  }

  override async generate(
    model: LanguageModel,
    request: GenerateRequest,
    context: CacheContext = {},
  ): Promise<SemanticGenerateResult> {
    const sampled = request.temperature === undefined || request.temperature > 0;
    const lookedUp =
      !sampled ||
      (context.cacheNonZeroTemperature ?? this.settings.cacheNonZeroTemperature ?? false);
    let result: SemanticGenerateResult;
    try {
      result = await super.generate(model, request, context);
    } catch (error) {
      if (lookedUp) this.counts.missed(context.prompt, "semantic");
      throw error;
    }
    if (result.cacheHit) {
      const cost = savedCostOf(result, this.settings.modelTable);
      this.counts.hit(context.prompt, "semantic", result.usage, cost);
    } else if (lookedUp) {
      this.counts.missed(context.prompt, "semantic");
    }
    return result;
  }
}
