import type { ApiKeyRecord } from "@quire/store";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Authenticator, Scope } from "./authenticator.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The API key scope a route needs (default: read for GET/HEAD, write otherwise). */
    scope?: Scope;
  }
  interface FastifyRequest {
    /** The key that authenticated this request (set on every /v1 route). */
    apiKey: ApiKeyRecord | null;
  }
}

export const protectedPrefix = "/v1/";

/**
 * Every route under /v1 needs `Authorization: Bearer <key>` with a sufficient scope. Runs on
 * request, before the body is read, so an unauthenticated request costs no parsing.
 */
export function registerAuthentication(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest("apiKey", null);
  app.addHook("onRequest", async (request) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith(protectedPrefix)) return;
    const record = await authenticator.authenticate(request.headers.authorization);
    const readOnly = request.method === "GET" || request.method === "HEAD";
    authenticator.authorize(
      record,
      request.routeOptions.config.scope ?? (readOnly ? "read" : "write"),
    );
    request.apiKey = record;
  });
}

/** Who is acting: the authenticated key's name. */
export function actorOf(request: FastifyRequest): string {
  if (request.apiKey === null) throw new Error("actorOf called on a route without authentication");
  return request.apiKey.name;
}
