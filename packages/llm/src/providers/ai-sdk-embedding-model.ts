import type { EmbeddingModelV3 } from "@ai-sdk/provider";
import type { EmbeddingModel } from "@quire/core";
import { embedMany } from "ai";
import { classifyModelError, type ModelErrorContext } from "../errors/classify-model-error.js";

/**
 * An `EmbeddingModel` over an AI SDK embedding model, through the SDK's `embedMany` (which splits
 * long lists into calls the provider accepts) with the SDK's retries off: Quire retries itself.
 */
export function createAiSdkEmbeddingModel(
  sdkModel: EmbeddingModelV3,
  context: ModelErrorContext,
): EmbeddingModel {
  return {
    modelId: context.modelId,
    async embed(texts, options = {}) {
      if (texts.length === 0) return [];
      try {
        const { embeddings } = await embedMany({
          model: sdkModel,
          values: texts,
          maxRetries: 0,
          ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
        });
        return embeddings;
      } catch (error) {
        throw classifyModelError(error, { ...context, now: Date.now() });
      }
    },
  };
}
