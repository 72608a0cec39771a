import { QuireError } from "@quire/core";
import type { AccessKeyRecord, AccessStore } from "@quire/store";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Authenticator } from "./authenticator.js";
import { ProtectedLabels } from "./protected-labels.js";
import { registryProject, routeAccessOf } from "./route-access.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The key that authenticated this request (set on every /v1 route). */
    apiKey: AccessKeyRecord | null;
  }
}

export const protectedPrefix = "/v1/";

/**
 * Every route under /v1 needs `Authorization: Bearer <key>` whose role reaches the route's entry
 * in the route access table (a route without an entry is refused). Runs on request, before the
 * body is read, so an unauthorized request costs no parsing; routes that move labels are checked
 * again once the body is parsed (protected labels need publisher).
 */
export function registerAuthentication(
  app: FastifyInstance,
  authenticator: Authenticator,
  access: AccessStore,
): void {
  const protectedLabels = new ProtectedLabels(access);
  app.decorateRequest("apiKey", null);
  app.addHook("onRequest", async (request) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith(protectedPrefix)) return;
    const record = await authenticator.authenticate(request.headers.authorization);
    const entry = routeAccessOf(request.method, route);
    if (entry === undefined) {
      throw new QuireError(
        "FORBIDDEN",
        `${request.method} ${route} has no entry in the route access table, so nobody may call it; add one in packages/server/src/auth/route-access.ts.`,
        { details: { method: request.method, route } },
      );
    }
    if (entry.project === "registry" && record.projectId !== registryProject) {
      throw new QuireError(
        "FORBIDDEN",
        `The API key "${record.name}" belongs to project "${record.projectId}"; prompts, executions and caches belong to project "${registryProject}". Use a key of that project.`,
        { details: { project: record.projectId, resourceProject: registryProject } },
      );
    }
    authenticator.authorize(record, entry.role);
    request.apiKey = record;
  });
  app.addHook("preHandler", async (request) => {
    const record = request.apiKey;
    const route = request.routeOptions.url;
    if (record === null || route === undefined) return;
    const moves = routeAccessOf(request.method, route)?.movesLabels;
    if (moves === undefined) return;
    const labels =
      moves === "parameter"
        ? [(request.params as { label?: string }).label ?? ""]
        : ((request.body as { labels?: unknown } | undefined)?.labels ?? []);
    if (!Array.isArray(labels) || labels.length === 0) return;
    const guarded = await protectedLabels.of(record.projectId);
    const named = labels.filter(
      (label): label is string => typeof label === "string" && guarded.has(label),
    );
    if (named.length > 0) {
      authenticator.authorize(record, "publisher", `moving the protected label "${named[0]}"`);
    }
  });
}

/** Who is acting: the authenticated key's name. */
export function actorOf(request: FastifyRequest): string {
  if (request.apiKey === null) throw new Error("actorOf called on a route without authentication");
  return request.apiKey.name;
}
