import type { LanguageModel } from "@quire/core";
import { withStablePrefix } from "@quire/llm";

/**
 * The model with every request's first `messageCount` messages marked as a stable prefix for
 * the provider's prompt cache (a strategy's extra calls keep the rendered messages first, so the
 * mark stays right); the model itself when there is nothing to mark.
 */
export function withStablePrefixModel(model: LanguageModel, messageCount: number): LanguageModel {
  if (messageCount <= 0) return model;
  const stream = model.stream;
  return {
    modelId: model.modelId,
    generate: (request) => model.generate(withStablePrefix(request, messageCount)),
    ...(stream === undefined
      ? {}
      : { stream: (request) => stream.call(model, withStablePrefix(request, messageCount)) }),
  };
}
