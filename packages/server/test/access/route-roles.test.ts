import { type ErrorResponse, type Role, roleAtLeast, roles } from "@quire/core";
import type { Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeAccessOf, routeAccessTable } from "../../src/auth/route-access.js";
import {
  type AccessApp,
  type AccessDatabase,
  accessDatabases,
  bearer,
  makeKey,
  openAccessApp,
} from "./access-fixtures.js";

/** A concrete URL for a route pattern: parameters get harmless values (nothing is found). */
function concreteUrl(pattern: string): string {
  return pattern
    .replace(":name", encodeURIComponent("access/probe"))
    .replace(":label", "staging")
    .replace(":id", "probe-id")
    .replace(/\*$/, "index.html");
}

describe.each(accessDatabases())("every route as every role on $name", (backend) => {
  let database: AccessDatabase;
  let store: Store;
  let server: AccessApp;
  const keys = new Map<Role, string>();
  let foreignAdmin: string;

  beforeAll(async () => {
    database = await backend.open();
    store = await database.openStore();
    server = await openAccessApp(store);
    for (const role of roles) keys.set(role, (await makeKey(store, role)).key);
    await store.access.createProject({ id: "elsewhere", name: "Elsewhere" });
    foreignAdmin = (await makeKey(store, "admin", { projectId: "elsewhere" })).key;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.close();
  });

  it("has a table entry for every /v1 route and no entry for a route that does not exist", () => {
    const registered = server.routes.filter((route) => route.url.startsWith("/v1/"));
    expect(registered.length).toBeGreaterThan(15);
    for (const route of registered) {
      expect(routeAccessOf(route.method, route.url), `${route.method} ${route.url}`).toBeDefined();
    }
    const names = new Set(registered.map((route) => `${route.method} ${route.url}`));
    for (const entry of Object.keys(routeAccessTable)) expect(names, entry).toContain(entry);
  });

  it("serves routes outside /v1 to anyone, and only reads", async () => {
    const open = server.routes.filter((route) => !route.url.startsWith("/v1/"));
    expect(open.length).toBeGreaterThan(0);
    for (const route of open) {
      expect(["GET", "HEAD"], `${route.method} ${route.url}`).toContain(route.method);
      const response = await server.app.inject({
        method: route.method as "GET" | "HEAD",
        url: concreteUrl(route.url),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).not.toBe(401);
    }
  });

  it("gives each role exactly the routes its table entry allows", async () => {
    const checked: string[] = [];
    for (const route of server.routes.filter((candidate) => candidate.url.startsWith("/v1/"))) {
      const entry = routeAccessOf(route.method, route.url);
      if (entry === undefined) throw new Error(`no entry for ${route.method} ${route.url}`);
      const method = route.method as "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
      const url = concreteUrl(route.url);
      const send = (headers: Record<string, string>) =>
        server.app.inject({
          method,
          url,
          headers,
          ...(method === "POST" || method === "PUT" ? { payload: {} } : {}),
        });
      const anonymous = await send({});
      if (entry.public === true) {
        expect(anonymous.statusCode, `anonymous ${method} ${route.url}`).not.toBe(401);
        continue;
      }
      expect(anonymous.statusCode, `anonymous ${method} ${route.url}`).toBe(401);
      for (const role of roles) {
        const response = await send(bearer(keys.get(role) ?? ""));
        const label = `${role} ${method} ${route.url} → ${response.statusCode}`;
        if (roleAtLeast(role, entry.role)) {
          expect([401, 403], label).not.toContain(response.statusCode);
        } else {
          expect(response.statusCode, label).toBe(403);
          if (method !== "HEAD") {
            const error = (response.json() as ErrorResponse).error;
            expect(error.code, label).toBe("FORBIDDEN");
            expect(error.details, label).toMatchObject({ role, needed: entry.role });
          }
        }
        checked.push(label);
      }
      const foreign = await send(bearer(foreignAdmin));
      const foreignLabel = `foreign admin ${method} ${route.url}`;
      if (entry.project === "registry") expect(foreign.statusCode, foreignLabel).toBe(403);
      else expect([401, 403], foreignLabel).not.toContain(foreign.statusCode);
    }
    const guarded = Object.values(routeAccessTable).filter((entry) => entry.public !== true);
    expect(checked.length).toBeGreaterThanOrEqual(guarded.length * 4);
  });
});
