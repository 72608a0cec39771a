import type {
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  ModelInfo,
  StreamPart,
} from "@quire/core";
import { costOfUsage } from "../cost/cost-of-usage.js";
import { type Clock, wallClock } from "../resilience/clock.js";
import { streamOf } from "../resilience/stream-of.js";
import { CacheCounters, type CacheStatistics } from "./cache-statistics.js";
import { responseCacheKey } from "./response-cache-key.js";
import type {
  CachedResponse,
  CacheInvalidation,
  ResponseCacheStore,
} from "./response-cache-store.js";

export interface ResponseCacheOptions {
  store: ResponseCacheStore;
  /** How long an answer is served, in milliseconds (default one hour); null for no limit. */
  ttlMs?: number | null;
  /**
   * Cache answers sampled with a temperature above 0 (or none given: providers then sample)?
   * Default false: only `temperature: 0` answers are cached unless asked.
   */
  cacheNonZeroTemperature?: boolean;
  clock?: Clock;
  /** Prices for the saved-cost counters (default: core's model table). */
  modelTable?: readonly ModelInfo[];
}

/** Per call: the prompt it renders (for counters and invalidation), and an override of the rule above. */
export interface CacheContext {
  prompt?: string;
  cacheNonZeroTemperature?: boolean;
  /**
   * false: the semantic cache neither answers nor keeps these calls (the exact cache still
   * does). For runs whose messages carry tool results: a similar conversation with other results
   * (21 °C against 5 °C) must not be served another's answer.
   */
  semantic?: boolean;
}

export interface CachedGenerateResult extends GenerateResult {
  /**
   * True when the answer came from the cache: no call was made, and `usage` is what the original
   * call used (what the hit saved), so it costs nothing now.
   */
  cacheHit: boolean;
}

/**
 * The exact response cache: an answer is reused for a request with the same model, prompt,
 * messages and parameters (see `responseCacheKey`) until its TTL ends. Errors are never cached,
 * nor answers that finished with an error; a store that fails makes a miss, never a failed call.
 * Counts hits and misses, and the tokens and cost that hits saved, per prompt.
 */
export class ResponseCache {
  private readonly store: ResponseCacheStore;
  private readonly ttlMs: number | null;
  private readonly cacheNonZeroTemperature: boolean;
  private readonly clock: Clock;
  private readonly modelTable: readonly ModelInfo[] | undefined;
  private readonly counters = new CacheCounters();
  /**
   * Answers being written to the store. The answer path does not wait on that write (a database
   * store would add its round trip to every miss); until it lands, lookups here read it from this
   * map, and invalidation waits for it, so this process never sees a stale or missing entry.
   */
  private readonly pendingWrites = new Map<string, Promise<void>>();
  private readonly pendingEntries = new Map<string, CachedResponse>();

  constructor(options: ResponseCacheOptions) {
    this.store = options.store;
    this.ttlMs = options.ttlMs === undefined ? 3_600_000 : options.ttlMs;
    this.cacheNonZeroTemperature = options.cacheNonZeroTemperature ?? false;
    this.clock = options.clock ?? wallClock;
    this.modelTable = options.modelTable;
  }

  isCacheable(request: GenerateRequest, context: CacheContext = {}): boolean {
    const sampled = request.temperature === undefined || request.temperature > 0;
    return !sampled || (context.cacheNonZeroTemperature ?? this.cacheNonZeroTemperature);
  }

  async generate(
    model: LanguageModel,
    request: GenerateRequest,
    context: CacheContext = {},
  ): Promise<CachedGenerateResult> {
    if (!this.isCacheable(request, context)) {
      this.counters.skipped(context.prompt);
      return { ...(await model.generate(request)), cacheHit: false };
    }
    const key = responseCacheKey(model.modelId, request, context.prompt);
    const hit = await this.lookup(key, context);
    if (hit !== undefined) return hit;
    const result = await model.generate(request);
    this.remember(key, model.modelId, result, context);
    return { ...result, cacheHit: false };
  }

  /** Streams a hit as one text delta and its finish; a miss streams through and is then kept. */
  stream(
    model: LanguageModel,
    request: GenerateRequest,
    context: CacheContext = {},
  ): AsyncIterable<StreamPart> {
    const cache = this;
    return (async function* (): AsyncGenerator<StreamPart> {
      if (!cache.isCacheable(request, context)) {
        cache.counters.skipped(context.prompt);
        yield* streamOf(model, request);
        return;
      }
      const key = responseCacheKey(model.modelId, request, context.prompt);
      const hit = await cache.lookup(key, context);
      if (hit !== undefined) {
        if (hit.text !== "") yield { type: "text-delta", text: hit.text };
        yield { type: "finish", result: hit };
        return;
      }
      for await (const part of streamOf(model, request)) {
        if (part.type === "finish") {
          cache.remember(key, model.modelId, part.result, context);
          const result: CachedGenerateResult = { ...part.result, cacheHit: false };
          yield { type: "finish", result };
        } else {
          yield part;
        }
      }
    })();
  }

  /** The model with this cache in front of it, for calls rendering `context.prompt`. */
  wrap(model: LanguageModel, context: CacheContext = {}): LanguageModel {
    return {
      modelId: model.modelId,
      generate: (request) => this.generate(model, request, context),
      stream: (request) => this.stream(model, request, context),
    };
  }

  /** Removes the answers of a prompt, of a model, of both, or all; returns how many. */
  async invalidate(filter: CacheInvalidation = {}): Promise<number> {
    await this.settled();
    return this.store.delete(filter);
  }

  /** Resolves once every answer written so far has reached the store (or failed to). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pendingWrites.values()]);
  }

  /** Counters per prompt (calls without a prompt under `prompt: undefined`). */
  statistics(): CacheStatistics[] {
    return this.counters.all();
  }

  statisticsFor(prompt: string | undefined): CacheStatistics {
    return this.counters.of(prompt);
  }

  private async lookup(
    key: string,
    context: CacheContext,
  ): Promise<CachedGenerateResult | undefined> {
    let entry: Awaited<ReturnType<ResponseCacheStore["get"]>>;
    try {
      entry = this.pendingEntries.get(key) ?? (await this.store.get(key));
    } catch {
      this.counters.storeFailed(context.prompt);
      entry = undefined;
    }
    if (
      entry === undefined ||
      (entry.expiresAt !== undefined && entry.expiresAt <= this.clock.now())
    ) {
      this.counters.missed(context.prompt);
      return undefined;
    }
    const usage = entry.result.usage;
    const cost =
      usage === undefined
        ? undefined
        : costOfUsage(
            usage,
            entry.result.modelId,
            this.modelTable === undefined ? {} : { table: this.modelTable },
          );
    this.counters.hit(context.prompt, usage, cost?.usd);
    return { ...entry.result, cacheHit: true };
  }

  private remember(
    key: string,
    modelId: string,
    result: GenerateResult,
    context: CacheContext,
  ): void {
    if (result.finishReason === "error") return;
    const now = this.clock.now();
    const { cacheHit: _ignored, ...plain } = result as CachedGenerateResult;
    const entry: CachedResponse = {
      result: plain,
      modelId,
      prompt: context.prompt,
      createdAt: now,
      expiresAt: this.ttlMs === null ? undefined : now + this.ttlMs,
    };
    this.pendingEntries.set(key, entry);
    const write = (async () => {
      try {
        await this.store.set(key, entry);
      } catch {
        this.counters.storeFailed(context.prompt);
      } finally {
        // A later answer for the same key owns both maps' entries now; leave them to it.
        if (this.pendingEntries.get(key) === entry) {
          this.pendingEntries.delete(key);
          this.pendingWrites.delete(key);
        }
      }
    })();
    this.pendingWrites.set(key, write);
  }
}
