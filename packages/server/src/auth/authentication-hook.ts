import { timingSafeEqual } from "node:crypto";
import { QuireError } from "@quire/core";
import type { AccessKeyRecord, AccessStore } from "@quire/store";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Authenticator } from "./authenticator.js";
import type { HttpProtections } from "./http-protections.js";
import type { LocalAdmin } from "./local-admin.js";
import type { Principal } from "./principal.js";
import { ProtectedLabels } from "./protected-labels.js";
import { registryProject, routeAccessOf } from "./route-access.js";
import { csrfHeaderName, sessionTokenOf } from "./session-cookie.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The key that authenticated this request (null for a session or a public route). */
    apiKey: AccessKeyRecord | null;
    /** Who the request acts as: the key or the signed-in user (set on every non-public /v1 route). */
    principal: Principal | null;
  }
}

export const protectedPrefix = "/v1/";

function sameText(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function principalOf(
  request: FastifyRequest,
  authenticator: Authenticator,
  local: LocalAdmin | undefined,
): Promise<Principal> {
  const sessionToken = sessionTokenOf(request.headers.cookie);
  if (request.headers.authorization === undefined && sessionToken !== undefined) {
    const principal =
      (await local?.principalOf(sessionToken)) ??
      (await authenticator.authenticateSession(sessionToken));
    const reading = request.method === "GET" || request.method === "HEAD";
    const given = request.headers[csrfHeaderName];
    if (!reading && (typeof given !== "string" || !sameText(given, principal.csrfToken ?? ""))) {
      throw new QuireError(
        "FORBIDDEN",
        `A write made with the session cookie needs the ${csrfHeaderName} header holding the session's CSRF token (from the login answer or GET /v1/me).`,
        { details: { reason: "csrf" } },
      );
    }
    return principal;
  }
  const record = await authenticator.authenticate(request.headers.authorization);
  request.apiKey = record;
  return {
    kind: "key",
    id: record.id,
    name: record.name,
    projectId: record.projectId,
    role: record.role,
    csrfToken: null,
  };
}

/**
 * Every route under /v1 needs a principal — `Authorization: Bearer <key>`, or the session cookie
 * (plus the CSRF header on writes) — whose role reaches the route's entry in the route access
 * table (a route without an entry is refused). Runs on request, before the body is read, so an
 * unauthorized request costs no parsing; routes that move labels are checked again once the
 * body is parsed (protected labels need publisher).
 */
export function registerAuthentication(
  app: FastifyInstance,
  authenticator: Authenticator,
  access: AccessStore,
  protections: HttpProtections,
  local?: LocalAdmin,
): { protectedLabels: ProtectedLabels } {
  const protectedLabels = new ProtectedLabels(access);
  app.addHook("onClose", async () => protectedLabels.close());
  app.decorateRequest("apiKey", null);
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith(protectedPrefix)) return;
    const entry = routeAccessOf(request.method, route);
    if (entry?.public === true) return;
    await protections.checkAddress(request, reply);
    let principal: Principal;
    try {
      principal = await principalOf(request, authenticator, local);
    } catch (error) {
      if (error instanceof QuireError && error.code === "UNAUTHORIZED") {
        await protections.authenticationFailed(request);
      }
      throw error;
    }
    await protections.countKey(`${principal.kind}:${principal.id}`, reply);
    if (entry === undefined) {
      throw new QuireError(
        "FORBIDDEN",
        `${request.method} ${route} has no entry in the route access table, so nobody may call it; add one in packages/server/src/auth/route-access.ts.`,
        { details: { method: request.method, route } },
      );
    }
    if (entry.project === "registry" && principal.projectId !== registryProject) {
      throw new QuireError(
        "FORBIDDEN",
        `${principal.kind === "key" ? `The API key "${principal.name}"` : principal.name} belongs to project "${principal.projectId}"; prompts, executions and caches belong to project "${registryProject}". Use a key of that project.`,
        { details: { project: principal.projectId, resourceProject: registryProject } },
      );
    }
    authenticator.authorize(principal, entry.role);
    request.principal = principal;
  });
  app.addHook("preHandler", async (request) => {
    const principal = request.principal;
    const route = request.routeOptions.url;
    if (principal === null || route === undefined) return;
    const moves = routeAccessOf(request.method, route)?.movesLabels;
    if (moves === undefined) return;
    const labels =
      moves === "parameter"
        ? [(request.params as { label?: string }).label ?? ""]
        : ((request.body as { labels?: unknown } | undefined)?.labels ?? []);
    if (!Array.isArray(labels) || labels.length === 0) return;
    const guarded = await protectedLabels.of(principal.projectId);
    const named = labels.filter(
      (label): label is string => typeof label === "string" && guarded.has(label),
    );
    if (named.length > 0) {
      authenticator.authorize(principal, "publisher", `moving the protected label "${named[0]}"`);
    }
  });
  return { protectedLabels };
}

/** Who is acting, as versions and label moves record it: the key's name or the user's email. */
export function actorOf(request: FastifyRequest): string {
  return requestPrincipal(request).name;
}

/** The request's principal; only on authenticated routes. */
export function requestPrincipal(request: FastifyRequest): Principal {
  if (request.principal === null) {
    throw new Error("a principal was asked for on a route without authentication");
  }
  return request.principal;
}
