import { createHash } from "node:crypto";
import { canonicalJson, QuireError } from "@quire/core";
import type { IdempotencyScope, IdempotencyStore } from "@quire/store";
import type { FastifyInstance, FastifyRequest } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    /** Set when this request claimed an Idempotency-Key: its answer is stored once sent. */
    idempotency: { scope: IdempotencyScope; key: string } | null;
    /** True when the answer is a stored one sent again (no write happened now). */
    idempotentReplay: boolean;
  }
}

/**
 * The writes a client may retry with `Idempotency-Key`: the key's first request is handled and
 * its answer (2xx) stored for a day; a retry with the same key and the same request gets that
 * answer again (`Idempotent-Replayed: true`) instead of a second write. Not here: writes whose
 * answer holds a secret (a new API key, a member's first password) — storing it would keep the
 * secret in clear — and runs, whose answers stream.
 */
export const idempotentRoutes: ReadonlySet<string> = new Set([
  "POST /v1/prompts",
  "POST /v1/prompts/:name/versions",
  "PUT /v1/prompts/:name/labels/:label",
  "POST /v1/executions",
  "POST /v1/executions/:id/feedback",
  "POST /v1/datasets",
  "POST /v1/datasets/:name/cases",
  "POST /v1/datasets/:name/cases/from-execution",
  "POST /v1/datasets/:name/import",
  "POST /v1/eval-runs",
  "POST /v1/change-requests/:id/approve",
  "POST /v1/change-requests/:id/reject",
]);

const keyPattern = /^[\x21-\x7e]{1,255}$/;
const header = "idempotency-key";

function fingerprintOf(request: FastifyRequest): string {
  return createHash("sha256")
    .update(`${request.method} ${request.url}\n`)
    .update(request.body === undefined ? "" : canonicalJson(request.body))
    .digest("hex");
}

/** Registers the Idempotency-Key handling; after authentication (it needs the principal). */
export function registerIdempotency(
  app: FastifyInstance,
  store: IdempotencyStore,
  options: { cleanupIntervalMs?: number } = {},
): void {
  app.decorateRequest("idempotency", null);
  app.decorateRequest("idempotentReplay", false);

  app.addHook("preHandler", async (request, reply) => {
    const value = request.headers[header];
    const route = request.routeOptions.url;
    const principal = request.principal;
    if (value === undefined || route === undefined || principal === null) return;
    if (!idempotentRoutes.has(`${request.method} ${route}`)) return;
    const key = Array.isArray(value) ? value[0] : value;
    if (key === undefined || !keyPattern.test(key)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        "The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID is a good choice).",
        { details: { header: "Idempotency-Key" } },
      );
    }
    const scope = {
      projectId: principal.projectId,
      principal: `${principal.kind}:${principal.id}`,
    };
    const found = await store.begin(scope, key, fingerprintOf(request));
    if (found.state === "new") {
      request.idempotency = { scope, key };
      return;
    }
    if (found.state === "mismatch") {
      throw new QuireError(
        "VALIDATION_FAILED",
        `The Idempotency-Key "${key}" was used for a different request (another path or body) in the last 24 hours; use a new key for a new request.`,
        { details: { header: "Idempotency-Key", key } },
      );
    }
    if (found.state === "in-progress") {
      throw new QuireError(
        "CONFLICT",
        `A request with the Idempotency-Key "${key}" is still being handled; retry once it has finished.`,
        { details: { header: "Idempotency-Key", key }, retryable: true },
      );
    }
    request.idempotentReplay = true;
    return reply.code(found.status).header("idempotent-replayed", "true").send(found.body);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const claimed = request.idempotency;
    if (claimed === null) return payload;
    request.idempotency = null;
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === "string") {
        await store.complete(claimed.scope, claimed.key, reply.statusCode, JSON.parse(payload));
      } else {
        // Nothing was written (or the answer is not JSON): a retry is handled afresh.
        await store.abandon(claimed.scope, claimed.key);
      }
    } catch (error) {
      // The write stands; a retry within a minute gets "in progress", later it is handled again.
      request.log.warn({ err: error }, "Idempotency-Key record not updated");
    }
    return payload;
  });

  app.addHook("onRequestAbort", async (request) => {
    const claimed = request.idempotency;
    if (claimed === null) return;
    request.idempotency = null;
    await store.abandon(claimed.scope, claimed.key).catch(() => {});
  });

  const cleanup = setInterval(
    () => {
      store.removeExpired(new Date(Date.now() - 24 * 60 * 60 * 1000)).catch((error: unknown) => {
        app.log.warn({ err: error }, "expired Idempotency-Key records not removed; retried later");
      });
    },
    options.cleanupIntervalMs ?? 60 * 60 * 1000,
  );
  cleanup.unref();
  app.addHook("onClose", async () => clearInterval(cleanup));
}
