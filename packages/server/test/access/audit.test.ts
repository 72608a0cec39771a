import type { AuditEntry, AuditPage, CreatedApiKeyResponse } from "@quire/core";
import type { Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRuleOf } from "../../src/audit/audit-rules.js";
import {
  type AccessApp,
  type AccessDatabase,
  accessDatabases,
  bearer,
  makeKey,
  openAccessApp,
} from "./access-fixtures.js";

describe.each(accessDatabases())("the audit log on $name", (backend) => {
  let database: AccessDatabase;
  let store: Store;
  let server: AccessApp;
  let admin: string;
  let editor: string;

  beforeAll(async () => {
    database = await backend.open();
    store = await database.openStore();
    server = await openAccessApp(store);
    admin = (await makeKey(store, "admin", { name: "boss" })).key;
    editor = (await makeKey(store, "editor", { name: "writer" })).key;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.close();
  });

  async function call(method: string, url: string, key: string, body?: unknown) {
    const response = await server.app.inject({
      method: method as "GET",
      url,
      headers: bearer(key),
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: response.json() as unknown };
  }
  const audit = async (query = "") =>
    (await call("GET", `/v1/audit${query}`, admin)).body as AuditPage;

  it("records every write with who, what, target, before and after, newest first", async () => {
    const path = `/v1/prompts/${encodeURIComponent("audited/one")}`;
    expect(
      (await call("POST", "/v1/prompts", editor, { name: "audited/one", template: "a" })).status,
    ).toBe(201);
    expect((await call("POST", `${path}/versions`, editor, { template: "b" })).status).toBe(201);
    expect(
      (await call("PUT", `${path}/labels/staging`, editor, { version: 1, reason: "try" })).status,
    ).toBe(200);
    expect((await call("PUT", `${path}/labels/staging`, admin, { version: 2 })).status).toBe(200);
    const key = (await call("POST", "/v1/keys", admin, { name: "ci", role: "viewer" }))
      .body as CreatedApiKeyResponse;
    expect((await call("DELETE", `/v1/keys/${key.id}`, admin)).status).toBe(200);
    expect((await call("DELETE", `/v1/keys/${key.id}`, admin)).status).toBe(200);
    expect((await call("DELETE", "/v1/cache?prompt=audited%2Fone", admin)).status).toBe(200);

    const { items } = await audit();
    const summary = items.map((entry) => [entry.action, entry.actor, entry.target]);
    expect(summary).toEqual([
      ["cache.invalidate", "key:boss", "cache:audited/one/*"],
      ["key.revoke", "key:boss", `key:ci (${key.prefix})`],
      ["key.create", "key:boss", `key:ci (${key.prefix})`],
      ["label.move", "key:boss", "audited/one@staging"],
      ["label.move", "key:writer", "audited/one@staging"],
      ["version.create", "key:writer", "audited/one"],
      ["prompt.create", "key:writer", "audited/one"],
    ]);
    const byAction = (action: string) => items.filter((entry) => entry.action === action);
    const [second, first] = byAction("label.move") as [AuditEntry, AuditEntry];
    expect(first).toMatchObject({
      before: { version: null },
      after: { version: 1, reason: "try" },
    });
    expect(second).toMatchObject({ before: { version: 1 }, after: { version: 2 } });
    expect(byAction("version.create")[0]).toMatchObject({
      before: { latestVersion: 1 },
      after: { latestVersion: 2, version: 2, created: true },
    });
    expect(byAction("prompt.create")[0]?.before).toBeNull();
    expect(byAction("key.revoke")[0]).toMatchObject({ before: { revokedAt: null } });
    // The secret never reaches the log.
    expect(JSON.stringify(items)).not.toContain(key.key);
    for (const entry of items)
      expect(Date.now() - Date.parse(entry.createdAt)).toBeLessThan(60_000);
  });

  it("records nothing for a refused or failed write", async () => {
    const before = (await audit("?limit=500")).items.length;
    expect(
      (await call("POST", "/v1/prompts", editor, { name: "audited/one", template: "dup" })).status,
    ).toBe(409);
    expect((await call("POST", "/v1/keys", editor, { name: "sneaky" })).status).toBe(403);
    expect(
      (await call("POST", "/v1/prompts", editor, { name: "bad name!", template: "x" })).status,
    ).toBe(422);
    expect(
      (
        await call("POST", "/v1/prompts", editor, {
          name: "audited/p",
          template: "x",
          labels: ["production"],
        })
      ).status,
    ).toBe(403);
    expect((await audit("?limit=500")).items.length).toBe(before);
  });

  it("filters by action, actor, target prefix and time, and pages with a cursor", async () => {
    const moves = await audit("?action=label.move");
    expect(moves.items.length).toBeGreaterThanOrEqual(2);
    expect(moves.items.every((entry) => entry.action === "label.move")).toBe(true);
    const byWriter = await audit("?actor=key%3Awriter");
    expect(byWriter.items.length).toBeGreaterThan(0);
    expect(byWriter.items.every((entry) => entry.actor === "key:writer")).toBe(true);
    const byTarget = await audit("?target=audited%2F");
    expect(byTarget.items.every((entry) => entry.target.startsWith("audited/"))).toBe(true);
    expect((await audit("?target=audited_")).items).toEqual([]);
    expect((await audit(`?since=${new Date(Date.now() + 60_000).toISOString()}`)).items).toEqual(
      [],
    );
    expect((await audit(`?until=${new Date(Date.now() - 3_600_000).toISOString()}`)).items).toEqual(
      [],
    );
    const all = (await audit("?limit=500")).items.map((entry) => entry.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = await audit(`?limit=2${cursor === null ? "" : `&cursor=${cursor}`}`);
      walked.push(...page.items.map((entry) => entry.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(walked).toEqual(all);
    expect((await call("GET", "/v1/audit?cursor=abc", admin)).status).toBe(422);
    expect((await call("GET", "/v1/audit?since=yesterday", admin)).status).toBe(422);
  });

  it("is read-only through the API: no route writes, changes or deletes it", () => {
    const auditRoutes = server.routes.filter((route) => route.url.startsWith("/v1/audit"));
    expect(auditRoutes.map((route) => route.method).sort()).toEqual(["GET", "HEAD"]);
    for (const route of server.routes) {
      if (!route.url.startsWith("/v1/") || route.method === "GET" || route.method === "HEAD")
        continue;
      expect(auditRuleOf(route.method, route.url), `${route.method} ${route.url}`).toBeDefined();
    }
  });

  it("shows another project's admin only its own project's entries", async () => {
    await store.access.createProject({ id: "audit-other", name: "Other" });
    const other = (await makeKey(store, "admin", { projectId: "audit-other" })).key;
    const created = await call("POST", "/v1/keys", other, { name: "theirs" });
    expect(created.status).toBe(201);
    const page = (await call("GET", "/v1/audit", other)).body as AuditPage;
    expect(page.items.map((entry) => entry.action)).toEqual(["key.create"]);
    expect((await audit("?limit=500")).items.some((entry) => entry.projectId !== "default")).toBe(
      false,
    );
  });
});
