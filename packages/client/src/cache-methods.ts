import {
  type CacheStatisticsResponse,
  cacheStatisticsResponseSchema,
  type InvalidateCacheResponse,
  invalidateCacheResponseSchema,
  QuireError,
} from "@quire/core";
import type { Transport } from "./http-transport.js";

/** Which cached answers to remove: of a prompt, of a model, of both at once, or all. */
export type CacheInvalidationTarget =
  | { prompt: string; model?: string }
  | { prompt?: string; model: string }
  | { all: true };

export interface CacheRequestOptions {
  signal?: AbortSignal;
}

function invalidationQuery(target: CacheInvalidationTarget): Record<string, string> {
  if ("all" in target && target.all === true) {
    const mixed = target as { prompt?: unknown; model?: unknown };
    if (mixed.prompt !== undefined || mixed.model !== undefined) {
      throw new QuireError(
        "BAD_REQUEST",
        "invalidateCache: {all: true} removes every answer and takes no prompt or model; pass one or the other.",
        { details: { target } },
      );
    }
    return { all: "true" };
  }
  const { prompt, model } = target as { prompt?: string; model?: string };
  if (prompt === undefined && model === undefined) {
    throw new QuireError(
      "BAD_REQUEST",
      "invalidateCache needs a prompt, a model (or both), or {all: true} to remove every answer.",
      { details: { target } },
    );
  }
  return {
    ...(prompt === undefined ? {} : { prompt }),
    ...(model === undefined ? {} : { model }),
  };
}

/** `cacheStatistics` and `invalidateCache` (`GET /v1/cache/stats`, `DELETE /v1/cache`). */
export function createCacheMethods(send: Transport) {
  return {
    cacheStatistics: (
      options: { prompt?: string } = {},
      request?: CacheRequestOptions,
    ): Promise<CacheStatisticsResponse> =>
      send({
        method: "GET",
        path: "/v1/cache/stats",
        query: { prompt: options.prompt },
        schema: cacheStatisticsResponseSchema,
        signal: request?.signal,
      }),
    // async: a refused target rejects the promise like a refused request, never throws at the call.
    invalidateCache: async (
      target: CacheInvalidationTarget,
      request?: CacheRequestOptions,
    ): Promise<InvalidateCacheResponse> =>
      send({
        method: "DELETE",
        path: "/v1/cache",
        query: invalidationQuery(target),
        schema: invalidateCacheResponseSchema,
        signal: request?.signal,
      }),
  };
}
