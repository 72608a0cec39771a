import type { GenerateRequest } from "@quire/core";

/**
 * Quire's own entries in `GenerateRequest.providerOptions.quire`, read by the providers and not
 * sent to them.
 */
export interface QuireProviderOptions {
  /**
   * The first this-many messages are a prefix that stays the same across calls (system prompt,
   * fixed examples): Anthropic is asked to cache it (`cache_control` on its last message).
   * OpenAI caches long prefixes by itself; other kinds ignore it.
   */
  stablePrefixMessages?: number;
}

export function quireOptionsOf(request: GenerateRequest): QuireProviderOptions {
  const options = request.providerOptions?.quire;
  const prefix = options?.stablePrefixMessages;
  return typeof prefix === "number" && Number.isInteger(prefix) && prefix >= 0
    ? { stablePrefixMessages: prefix }
    : {};
}

/** The request with its first `messageCount` messages marked as a stable, cacheable prefix. */
export function withStablePrefix(request: GenerateRequest, messageCount: number): GenerateRequest {
  return {
    ...request,
    providerOptions: {
      ...request.providerOptions,
      quire: { ...request.providerOptions?.quire, stablePrefixMessages: messageCount },
    },
  };
}
