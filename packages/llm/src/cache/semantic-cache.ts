import type { ChatMessage, EmbeddingModel, GenerateRequest, LanguageModel } from "@quire/core";
import { type Clock, wallClock } from "../resilience/clock.js";
import type { CacheContext, CachedGenerateResult } from "./response-cache.js";
import { responseCacheScope } from "./response-cache-key.js";
import type { CacheInvalidation } from "./response-cache-store.js";
import type { SemanticCacheStore } from "./semantic-cache-store.js";

export interface SemanticCacheOptions {
  embeddingModel: EmbeddingModel;
  store: SemanticCacheStore;
  /** The least cosine similarity that serves a cached answer (default 0.95). */
  threshold?: number;
  /** How long an answer is served, in milliseconds (default one hour); null for no limit. */
  ttlMs?: number | null;
  /** As in `ResponseCacheOptions`: only `temperature: 0` answers unless asked (default false). */
  cacheNonZeroTemperature?: boolean;
  clock?: Clock;
}

export interface SemanticGenerateResult extends CachedGenerateResult {
  /** On a hit, how similar the cached prompt was. */
  similarity?: number;
}

/** The text the semantic cache embeds: each message as `role: text`, one per line. */
export function semanticCacheText(messages: readonly ChatMessage[]): string {
  return messages
    .map(
      (message) =>
        `${message.role}: ${message.content.map((part) => (part.type === "text" ? part.text : "")).join("")}`,
    )
    .join("\n");
}

/**
 * The semantic cache: an answer is reused for a request whose rendered messages embed close
 * enough (cosine similarity ≥ threshold) to an earlier one's, for the same model, prompt and
 * parameters. Off unless an embedding model is configured (the caller simply does not make one).
 * An embedding or store failure makes a miss; the call itself never fails because of the cache.
 */
export class SemanticCache {
  private readonly options: SemanticCacheOptions;
  private readonly threshold: number;
  private readonly clock: Clock;

  constructor(options: SemanticCacheOptions) {
    this.options = options;
    this.threshold = options.threshold ?? 0.95;
    this.clock = options.clock ?? wallClock;
  }

  async generate(
    model: LanguageModel,
    request: GenerateRequest,
    context: CacheContext = {},
  ): Promise<SemanticGenerateResult> {
    const sampled = request.temperature === undefined || request.temperature > 0;
    const allowed =
      context.semantic !== false &&
      (!sampled ||
        (context.cacheNonZeroTemperature ?? this.options.cacheNonZeroTemperature ?? false));
    if (!allowed) return { ...(await model.generate(request)), cacheHit: false };
    const scope = responseCacheScope(model.modelId, request, context.prompt);
    const embedding = await this.embed(request);
    if (embedding !== undefined) {
      const match = await this.options.store
        .nearest({ scope, embedding, minSimilarity: this.threshold, now: this.clock.now() })
        .catch(() => undefined);
      if (match !== undefined) {
        return { ...match.entry.result, cacheHit: true, similarity: match.similarity };
      }
    }
    const result = await model.generate(request);
    if (embedding !== undefined && result.finishReason !== "error") {
      const now = this.clock.now();
      const ttlMs = this.options.ttlMs === undefined ? 3_600_000 : this.options.ttlMs;
      await this.options.store
        .add({
          scope,
          modelId: model.modelId,
          prompt: context.prompt,
          embedding,
          result,
          createdAt: now,
          expiresAt: ttlMs === null ? undefined : now + ttlMs,
        })
        .catch(() => undefined);
    }
    return { ...result, cacheHit: false };
  }

  invalidate(filter: CacheInvalidation = {}): Promise<number> {
    return this.options.store.delete(filter);
  }

  private async embed(request: GenerateRequest) {
    try {
      const [vector] = await this.options.embeddingModel.embed(
        [semanticCacheText(request.messages)],
        request.abortSignal === undefined ? {} : { abortSignal: request.abortSignal },
      );
      return vector;
    } catch {
      return undefined;
    }
  }
}
