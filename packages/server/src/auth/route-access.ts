import type { Role } from "@quire/core";

/** Where a route's data lives: the registry (prompts, executions, caches) or the caller's project. */
export type RouteProject = "registry" | "own";

export interface RouteAccess {
  /** The least role that may call the route. */
  role: Role;
  /**
   * `registry`: the prompts, executions and caches, which all belong to the project `default` for
   * now, so a key of another project gets 403. `own`: data of the caller's own project (its
   * keys), found only there (another project's key id answers 404).
   */
  project: RouteProject;
  /**
   * Where the route names labels it moves: a protected one (default `production`) needs publisher
   * whatever the route's role. `parameter`: `:label`; `body`: the body's `labels` array.
   */
  movesLabels?: "parameter" | "body";
  /** Anyone may call it, without a key or session (login). */
  public?: true;
}

/** The project every prompt, version, label, execution and cache entry belongs to, for now. */
export const registryProject = "default";

/**
 * Every /v1 route and the least role it needs: one table, so that a review sees all of it and a
 * route added without an entry is refused (403) and fails the table-driven test. HEAD follows GET.
 * Routes outside /v1 (health, the OpenAPI document and its UI) are public reads.
 */
export const routeAccessTable: Readonly<Record<string, RouteAccess>> = {
  "GET /v1/prompts": { role: "viewer", project: "registry" },
  "POST /v1/prompts": { role: "editor", project: "registry", movesLabels: "body" },
  "GET /v1/prompts/:name": { role: "viewer", project: "registry" },
  "GET /v1/prompts/:name/versions": { role: "viewer", project: "registry" },
  "POST /v1/prompts/:name/versions": { role: "editor", project: "registry", movesLabels: "body" },
  "GET /v1/prompts/:name/diff": { role: "viewer", project: "registry" },
  "GET /v1/prompts/:name/labels/history": { role: "viewer", project: "registry" },
  "PUT /v1/prompts/:name/labels/:label": {
    role: "editor",
    project: "registry",
    movesLabels: "parameter",
  },
  "POST /v1/prompts/:name/render": { role: "viewer", project: "registry" },
  "GET /v1/prompts/:name/used-by": { role: "viewer", project: "registry" },
  "POST /v1/prompts/:name/run": { role: "editor", project: "registry" },
  "GET /v1/providers": { role: "viewer", project: "registry" },
  "POST /v1/executions": { role: "editor", project: "registry" },
  "GET /v1/executions": { role: "viewer", project: "registry" },
  "GET /v1/executions/:id": { role: "viewer", project: "registry" },
  "POST /v1/executions/:id/feedback": { role: "editor", project: "registry" },
  "POST /v1/datasets": { role: "editor", project: "registry" },
  "GET /v1/datasets": { role: "viewer", project: "registry" },
  "GET /v1/datasets/:name": { role: "viewer", project: "registry" },
  "PUT /v1/datasets/:name": { role: "editor", project: "registry" },
  "DELETE /v1/datasets/:name": { role: "editor", project: "registry" },
  "GET /v1/datasets/:name/cases": { role: "viewer", project: "registry" },
  "POST /v1/datasets/:name/cases": { role: "editor", project: "registry" },
  "PUT /v1/datasets/:name/cases": { role: "editor", project: "registry" },
  "DELETE /v1/datasets/:name/cases/:caseId": { role: "editor", project: "registry" },
  "POST /v1/datasets/:name/cases/from-execution": { role: "editor", project: "registry" },
  "POST /v1/datasets/:name/import": { role: "editor", project: "registry" },
  "GET /v1/datasets/:name/export": { role: "viewer", project: "registry" },
  "POST /v1/eval-runs": { role: "editor", project: "registry" },
  "GET /v1/eval-runs": { role: "viewer", project: "registry" },
  "GET /v1/eval-runs/compare": { role: "viewer", project: "registry" },
  "GET /v1/eval-runs/:id": { role: "viewer", project: "registry" },
  "GET /v1/eval-runs/:id/results": { role: "viewer", project: "registry" },
  "GET /v1/eval-runs/:id/events": { role: "viewer", project: "registry" },
  "POST /v1/eval-runs/:id/cancel": { role: "editor", project: "registry" },
  "GET /v1/cache/stats": { role: "viewer", project: "registry" },
  "DELETE /v1/cache": { role: "admin", project: "registry" },
  "GET /v1/keys": { role: "admin", project: "own" },
  "POST /v1/keys": { role: "admin", project: "own" },
  "DELETE /v1/keys/:id": { role: "admin", project: "own" },
  // Sessions only (a key gets 403 from the route); any member makes a key of their own role.
  "POST /v1/me/keys": { role: "viewer", project: "own" },
  // A key revokes itself; a member the keys they made (others: 404 from the route).
  "DELETE /v1/me/keys/:id": { role: "viewer", project: "own" },
  // An admin of any project creates one (and gets its first admin key).
  "POST /v1/projects": { role: "admin", project: "own" },
  "GET /v1/projects": { role: "viewer", project: "own" },
  "GET /v1/audit": { role: "admin", project: "own" },
  "POST /v1/security/scan": { role: "viewer", project: "own" },
  "OPTIONS /v1/*": { role: "viewer", project: "own", public: true },
  "POST /v1/auth/login": { role: "viewer", project: "own", public: true },
  // Checked by the route itself: local mode, loopback peer and Host, no members yet.
  "POST /v1/auth/local-session": { role: "admin", project: "own", public: true },
  "POST /v1/auth/logout": { role: "viewer", project: "own" },
  "GET /v1/me": { role: "viewer", project: "own" },
  "GET /v1/members": { role: "admin", project: "own" },
  "GET /v1/change-requests": { role: "viewer", project: "own" },
  "GET /v1/change-requests/:id": { role: "viewer", project: "own" },
  "POST /v1/change-requests/:id/approve": { role: "publisher", project: "own" },
  "POST /v1/change-requests/:id/reject": { role: "publisher", project: "own" },
  "GET /v1/settings": { role: "viewer", project: "own" },
  "PUT /v1/settings": { role: "admin", project: "own" },
  "PUT /v1/members": { role: "admin", project: "own" },
};

export function routeAccessOf(method: string, url: string): RouteAccess | undefined {
  return routeAccessTable[`${method === "HEAD" ? "GET" : method} ${url}`];
}
