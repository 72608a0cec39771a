import { QuireError } from "@quire/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { RateLimitCounters } from "./rate-limit-counters.js";
import { RateLimiter } from "./rate-limiter.js";
import { createMemoryCounters } from "./window-counters.js";

export interface HttpProtectionOptions {
  /**
   * Requests per minute one API key (or session) may make on this server; null: no limit.
   * Default 600,000 (10,000 a second over a minute): a cap on a runaway client that leaves the
   * hot read path's throughput alone; set a quota per deployment.
   */
  perKeyPerMinute?: number | null;
  /**
   * Requests per minute one client address may make that fail authentication (no, a wrong, an
   * expired or a revoked key); past it, the address gets 429 before any lookup (default 120).
   */
  failedPerAddressPerMinute?: number;
  /** Origins allowed to call the API from a browser (CORS); default none: CORS off. */
  corsOrigins?: readonly string[];
}

export interface HttpProtections {
  /** Call when authentication failed (counts the address). */
  authenticationFailed(request: FastifyRequest): Promise<void>;
  /** Call before authenticating (refuses an address that failed too often). */
  checkAddress(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Call once the request's key or session is known. */
  countKey(keyId: string, reply: FastifyReply): Promise<void>;
}

const securityHeaders: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};
// The API answers JSON: nothing in it may load or run anything, or be framed.
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

function memoryCounters(): Pick<RateLimitCounters, "exact" | "requests"> {
  const memory = createMemoryCounters();
  return { exact: memory, requests: memory };
}

function limited(reply: FastifyReply, error: unknown): never {
  if (error instanceof QuireError) {
    const seconds = (error.details as { retryAfterSeconds?: number } | undefined)
      ?.retryAfterSeconds;
    if (seconds !== undefined) reply.header("retry-after", String(seconds));
  }
  throw error;
}

/**
 * Security headers on every answer (HSTS over HTTPS), CORS only for configured origins
 * (preflight `OPTIONS /v1/*` answers 204, with the CORS headers only for those origins), and
 * rate limits per key and per address for failed authentication.
 */
export function registerHttpProtections(
  app: FastifyInstance,
  options: HttpProtectionOptions = {},
  /** Where the counts live: in memory (default), or on the database to hold across servers. */
  counters: Pick<RateLimitCounters, "exact" | "requests"> = memoryCounters(),
): HttpProtections {
  const perKey =
    options.perKeyPerMinute === null
      ? undefined
      : new RateLimiter(
          counters.requests,
          "requests",
          options.perKeyPerMinute ?? 600_000,
          "requests with this key",
        );
  const failureLimit = options.failedPerAddressPerMinute ?? 120;
  const origins = new Set(options.corsOrigins ?? []);
  // Addresses that spent their failure limit, until their window ends: checked on every request
  // without a query. With shared counts, the failures on other servers are learnt from this
  // server's next failure of the address (its count comes back at or over the limit), so an
  // address gets at most one more failure per server than the limit.
  const blocked = new Map<string, number>();

  app.addHook("onRequest", async (request, reply) => {
    reply.headers(securityHeaders);
    const url = request.routeOptions.url ?? "";
    if (!url.startsWith("/docs")) reply.header("content-security-policy", apiContentSecurityPolicy);
    if (request.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origins.has(origin)) {
      reply.header("access-control-allow-origin", origin);
      reply.header("vary", "Origin");
    }
  });

  app.options("/v1/*", { schema: { hide: true } }, async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origins.has(origin)) {
      reply.header("access-control-allow-methods", "GET, HEAD, POST, PUT, DELETE");
      reply.header(
        "access-control-allow-headers",
        "authorization, content-type, idempotency-key, x-csrf-token",
      );
      reply.header("access-control-max-age", "600");
    }
    reply.code(204).send();
  });

  return {
    authenticationFailed: async (request) => {
      try {
        const { count, resetAt } = await counters.exact.increment(
          `failed-auth:${request.ip}`,
          60_000,
        );
        // This request fails with its own 401; the address's next ones get 429.
        if (count >= failureLimit) {
          blocked.delete(request.ip);
          blocked.set(request.ip, resetAt);
          if (blocked.size > 100_000) {
            const oldest = blocked.keys().next().value;
            if (oldest !== undefined) blocked.delete(oldest);
          }
        }
      } catch (error) {
        request.log.error({ err: error }, "failed authentication not counted");
      }
    },
    checkAddress: async (request, reply) => {
      const until = blocked.get(request.ip);
      if (until === undefined) return;
      const left = until - Date.now();
      if (left <= 0) {
        blocked.delete(request.ip);
        return;
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(left / 1000));
      limited(
        reply,
        new QuireError(
          "RATE_LIMITED",
          `Too many requests that failed authentication from this address: at most ${failureLimit} a minute. Try again in ${retryAfterSeconds} s.`,
          { details: { retryAfterSeconds, limitPerMinute: failureLimit }, retryable: true },
        ),
      );
    },
    countKey: async (keyId, reply) => {
      if (perKey === undefined) return;
      try {
        await perKey.take(keyId);
      } catch (error) {
        limited(reply, error);
      }
    },
  };
}
