import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type PromptStore } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type QuireApp } from "../src/index.js";

interface Operation {
  parameters?: Array<{ in: string; name: string; schema: unknown }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  security?: unknown[];
}
type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

let dataDirectory: string;
let store: PromptStore;
let built: QuireApp;
let document: OpenApiDocument;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), "quire-openapi-test-"));
  store = await openStore({ dataDirectory });
  built = await buildApp({ store, logLevel: "silent" });
  const response = await built.app.inject({ method: "GET", url: "/openapi.json" });
  expect(response.statusCode).toBe(200);
  document = response.json() as OpenApiDocument;
});
afterAll(async () => {
  await built?.app.close();
  await store?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

/** `/v1/prompts/:name/labels/:label` → `/v1/prompts/{name}/labels/{label}` */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, "{$1}");
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3 with a bearer and a session-cookie security scheme", () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.sessionCookie).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "quire_session",
    });
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
  });

  it("lists every registered route with its request and response schemas", () => {
    const routes = built.routes.filter((route) => !route.hidden && route.method !== "HEAD");
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      const operation = document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.url} is missing from /openapi.json`).toBeDefined();
      if (operation!.responses["302"] !== undefined) continue; // a redirect has no body
      // 202: long work accepted (an eval run), answered with its job resource.
      const success =
        operation!.responses["200"] ?? operation!.responses["201"] ?? operation!.responses["202"];
      expect(
        success?.content?.["application/json"]?.schema,
        `${route.method} ${route.url} response`,
      ).toBeDefined();
      if (!route.url.startsWith("/v1/")) continue;
      // Signing in takes a password, not a key; the local session checks the caller's machine.
      if (route.url === "/v1/auth/login" || route.url === "/v1/auth/local-session") continue;
      expect(operation!.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
      for (const status of ["401", "404", "422"]) {
        expect(
          operation!.responses[status],
          `${route.method} ${route.url} ${status}`,
        ).toBeDefined();
      }
      for (const parameter of route.url.match(/:([A-Za-z]+)/g) ?? []) {
        const name = parameter.slice(1);
        expect(
          operation!.parameters?.some((entry) => entry.in === "path" && entry.name === name),
        ).toBe(true);
      }
      // Signing out takes no body (the session is the cookie), nor does deciding a change request.
      const takesNoBody =
        route.url === "/v1/auth/logout" || /\/(approve|reject|cancel)$/.test(route.url);
      if ((route.method === "POST" || route.method === "PUT") && !takesNoBody) {
        expect(operation!.requestBody?.content["application/json"]?.schema).toBeDefined();
      }
    }
  });

  it("documents every registry route the issue names", () => {
    const expected = [
      "get /",
      "get /healthz",
      "post /v1/prompts",
      "get /v1/prompts",
      "get /v1/prompts/{name}",
      "post /v1/prompts/{name}/versions",
      "get /v1/prompts/{name}/versions",
      "put /v1/prompts/{name}/labels/{label}",
      "get /v1/prompts/{name}/labels/history",
      "get /v1/prompts/{name}/diff",
      "post /v1/prompts/{name}/render",
      "post /v1/prompts/{name}/run",
      "get /v1/providers",
      "get /v1/prompts/{name}/used-by",
      "post /v1/executions",
      "get /v1/executions",
      "get /v1/executions/{id}",
      "post /v1/executions/{id}/feedback",
      "get /v1/cache/stats",
      "delete /v1/cache",
      "post /v1/keys",
      "get /v1/keys",
      "delete /v1/keys/{id}",
      "post /v1/me/keys",
      "delete /v1/me/keys/{id}",
      "post /v1/projects",
      "get /v1/projects",
      "get /v1/audit",
      "post /v1/security/scan",
      "post /v1/auth/login",
      "post /v1/auth/local-session",
      "post /v1/auth/logout",
      "get /v1/me",
      "get /v1/members",
      "put /v1/members",
      "get /v1/settings",
      "put /v1/settings",
      "get /v1/change-requests",
      "get /v1/change-requests/{id}",
      "post /v1/change-requests/{id}/approve",
      "post /v1/change-requests/{id}/reject",
      "post /v1/datasets",
      "get /v1/datasets",
      "get /v1/datasets/{name}",
      "put /v1/datasets/{name}",
      "delete /v1/datasets/{name}",
      "get /v1/datasets/{name}/cases",
      "post /v1/datasets/{name}/cases",
      "put /v1/datasets/{name}/cases",
      "delete /v1/datasets/{name}/cases/{caseId}",
      "post /v1/datasets/{name}/cases/from-execution",
      "post /v1/datasets/{name}/import",
      "get /v1/datasets/{name}/export",
      "post /v1/eval-runs",
      "get /v1/eval-runs",
      "get /v1/eval-runs/compare",
      "get /v1/eval-runs/{id}",
      "get /v1/eval-runs/{id}/results",
      "get /v1/eval-runs/{id}/events",
      "post /v1/eval-runs/{id}/cancel",
    ];
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(expected.sort());
  });

  it("describes request bodies from the shared zod schemas", () => {
    const create = document.paths["/v1/prompts"]?.post?.requestBody?.content["application/json"]
      ?.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(create.properties)).toEqual(
      expect.arrayContaining(["name", "template", "inputSchema", "labels", "tags"]),
    );
    expect(create.required).toEqual(expect.arrayContaining(["name", "template"]));
    const listQuery = document.paths["/v1/prompts"]?.get?.parameters?.map((entry) => entry.name);
    expect(listQuery).toEqual(
      expect.arrayContaining(["search", "prefix", "tag", "limit", "cursor"]),
    );
  });

  it("serves browsable docs at /docs", async () => {
    const response = await built.app.inject({ method: "GET", url: "/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
  });

  it("sends a person who opens the server's address to the docs", async () => {
    const response = await built.app.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/docs");
  });
});
