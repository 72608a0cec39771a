import type { GenerateRequest, GenerateResult, LanguageModel } from "@quire/core";
import type { CacheContext, CachedGenerateResult, ResponseCache, SemanticCache } from "@quire/llm";

/** What a run puts in front of each model (the run service's `ModelCache`). */
export interface LayeredModelCache {
  wrap(model: LanguageModel, context: CacheContext): LanguageModel;
}

/** Marks an answer the semantic cache served, through the exact cache's copies of it. */
const semanticHit = Symbol("quire.semanticHit");

type Marked = GenerateResult & { [semanticHit]?: number };

/**
 * The exact cache in front of the semantic cache in front of the model: an identical request is
 * answered by the exact cache without embedding anything; otherwise the semantic cache embeds the
 * prompt and may answer with a similar one's answer (which the exact cache then keeps for this
 * exact request too); otherwise the model answers and both keep it. A semantic hit comes back
 * with `cacheHit: true` and its `similarity`.
 *
 * Streams of a model that streams go through the exact cache only: the semantic cache answers
 * whole calls.
 */
export function layeredModelCache(
  exact: ResponseCache,
  semantic: SemanticCache | undefined,
): LayeredModelCache {
  return {
    wrap(model, context) {
      if (semantic === undefined) return exact.wrap(model, context);
      const stream = model.stream?.bind(model);
      const throughSemantic: LanguageModel = {
        modelId: model.modelId,
        generate: async (request: GenerateRequest) => {
          const { similarity, ...result } = await semantic.generate(model, request, context);
          if (!result.cacheHit || similarity === undefined) return result;
          const marked: Marked = { ...result, [semanticHit]: similarity };
          return marked;
        },
        ...(stream === undefined ? {} : { stream }),
      };
      const cached = exact.wrap(throughSemantic, context);
      return {
        ...cached,
        generate: async (request) => {
          // Object spread keeps symbol-keyed properties, so the mark survives the exact cache's
          // copy; JSON (what the exact cache stores) drops it.
          const result = (await cached.generate(request)) as CachedGenerateResult & Marked;
          const similarity = result[semanticHit];
          if (similarity === undefined) return result;
          const { [semanticHit]: _mark, ...plain } = result;
          return { ...plain, cacheHit: true, similarity };
        },
      };
    },
  };
}
