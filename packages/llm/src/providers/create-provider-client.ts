import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { EmbeddingModelV3, LanguageModelV3 } from "@ai-sdk/provider";
import type { ProviderConfig } from "./provider-config.js";

/** `fetch` as the SDK takes it: tests and proxies may pass their own. */
export type FetchFunction = typeof globalThis.fetch;

/** The SDK's models of one configured provider. */
export interface ProviderClient {
  languageModel(model: string): LanguageModelV3;
  /** Undefined where the provider kind has no embeddings (Anthropic). */
  embeddingModel(model: string): EmbeddingModelV3 | undefined;
}

/**
 * The AI SDK provider for one configuration. The key is always passed explicitly (possibly as
 * undefined for a keyless OpenAI-compatible server), so the SDK never reads `process.env` itself.
 * OpenAI models go through the Chat Completions API (`/chat/completions`), the shape every
 * OpenAI-compatible server shares.
 */
export function createProviderClient(
  config: ProviderConfig,
  baseUrl: string,
  apiKey: string | undefined,
  fetch?: FetchFunction,
): ProviderClient {
  const common = { baseURL: baseUrl, ...(fetch === undefined ? {} : { fetch }) };
  switch (config.kind) {
    case "openai": {
      const provider = createOpenAI({ ...common, apiKey: apiKey ?? "" });
      return {
        languageModel: (model) => provider.chat(model),
        embeddingModel: (model) => provider.embedding(model),
      };
    }
    case "anthropic": {
      const provider = createAnthropic({ ...common, apiKey: apiKey ?? "" });
      return {
        languageModel: (model) => provider.messages(model),
        embeddingModel: () => undefined,
      };
    }
    case "openai-compatible": {
      const provider = createOpenAICompatible({
        ...common,
        name: config.name,
        ...(apiKey === undefined ? {} : { apiKey }),
        includeUsage: true,
        supportsStructuredOutputs: config.structuredOutputs ?? false,
      });
      return {
        languageModel: (model) => provider.chatModel(model),
        embeddingModel: (model) => provider.embeddingModel(model),
      };
    }
  }
}
