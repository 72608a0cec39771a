import type { GenerateRequest, GenerateResult, LanguageModel, StreamPart } from "@quire/core";
import {
  type CacheContext,
  type CachedGenerateResult,
  costOfUsage,
  ResponseCache,
  type ResponseCacheOptions,
} from "@quire/llm";
import type { CacheStatisticsBuffer } from "./cache-statistics-buffer.js";

/** The saved cost of a hit, priced like llm's own counters; undefined when unpriced. */
export function savedCostOf(
  result: GenerateResult,
  modelTable: ResponseCacheOptions["modelTable"],
): number | undefined {
  if (result.usage === undefined) return undefined;
  return costOfUsage(
    result.usage,
    result.modelId,
    modelTable === undefined ? {} : { table: modelTable },
  )?.usd;
}

function isCacheHit(result: GenerateResult): boolean {
  return (result as Partial<CachedGenerateResult>).cacheHit === true;
}

/**
 * llm's exact `ResponseCache`, also counting into a `CacheStatisticsBuffer` (persisted, summed
 * over servers) what it counts in memory: hits with the tokens and cost they saved, misses,
 * skipped calls. Everything else — keys, TTL, what is cacheable — is the base class's.
 */
export class CountingResponseCache extends ResponseCache {
  constructor(
    options: ResponseCacheOptions,
    private readonly counts: CacheStatisticsBuffer,
  ) {
    super(options);
    this.prices = options.modelTable;
  }

  private readonly prices: ResponseCacheOptions["modelTable"];

  override async generate(
    model: LanguageModel,
    request: GenerateRequest,
    context: CacheContext = {},
  ): Promise<CachedGenerateResult> {
    if (!this.isCacheable(request, context)) {
      this.counts.skipped(context.prompt);
      return super.generate(model, request, context);
    }
    let result: CachedGenerateResult;
    try {
      result = await super.generate(model, request, context);
    } catch (error) {
      // The lookup missed (a hit never throws); the model call then failed.
      this.counts.missed(context.prompt, "exact");
      throw error;
    }
    this.count(context.prompt, result);
    return result;
  }

  override stream(
    model: LanguageModel,
    request: GenerateRequest,
    context: CacheContext = {},
  ): AsyncIterable<StreamPart> {
    const parts = super.stream(model, request, context);
    const cacheable = this.isCacheable(request, context);
    const cache = this;
    return (async function* (): AsyncGenerator<StreamPart> {
      if (!cacheable) {
        cache.counts.skipped(context.prompt);
        yield* parts;
        return;
      }
      let counted = false;
      try {
        for await (const part of parts) {
          if (part.type === "finish" && !counted) {
            counted = true;
            cache.count(context.prompt, part.result);
          }
          yield part;
        }
      } finally {
        // Failed or abandoned before its end: the lookup found nothing to replay.
        if (!counted) cache.counts.missed(context.prompt, "exact");
      }
    })();
  }

  private count(prompt: string | undefined, result: GenerateResult): void {
    if (isCacheHit(result)) {
      this.counts.hit(prompt, "exact", result.usage, savedCostOf(result, this.prices));
    } else {
      this.counts.missed(prompt, "exact");
    }
  }
}
