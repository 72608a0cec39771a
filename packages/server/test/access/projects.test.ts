import type {
  ApiKey,
  AuditPage,
  CreatedApiKeyResponse,
  CreatedProjectResponse,
  ErrorResponse,
  ListProjectsResponse,
  LoginResponse,
} from "@quire/core";
import type { Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AccessApp,
  type AccessDatabase,
  accessDatabases,
  bearer,
  makeKey,
  openAccessApp,
} from "./access-fixtures.js";

const password = "a sufficiently long secret";

describe.each(accessDatabases())("projects and personal keys on $name", (backend) => {
  let database: AccessDatabase;
  let store: Store;
  let server: AccessApp;
  let admin: string;
  let editor: string;

  beforeAll(async () => {
    database = await backend.open();
    store = await database.openStore();
    server = await openAccessApp(store);
    admin = (await makeKey(store, "admin")).key;
    editor = (await makeKey(store, "editor")).key;
    for (const [email, role] of [
      ["grace@example.com", "admin"],
      ["vic@example.com", "viewer"],
    ] as const) {
      const added = await server.app.inject({
        method: "PUT",
        url: "/v1/members",
        headers: bearer(admin),
        payload: { email, role, password },
      });
      expect(added.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.close();
  });

  /** Signs in and answers a request function carrying the cookie and the CSRF header. */
  async function signIn(email: string, project?: string) {
    const response = await server.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { email, password, ...(project === undefined ? {} : { project }) },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers["set-cookie"]).split(";")[0] ?? "";
    const { csrfToken } = response.json() as LoginResponse;
    return (method: "GET" | "POST" | "DELETE", url: string, payload?: object) =>
      server.app.inject({
        method,
        url,
        headers: { cookie, "x-csrf-token": csrfToken },
        ...(payload === undefined ? {} : { payload }),
      });
  }

  it("lets an admin key create a project, answering its first admin key once", async () => {
    const created = await server.app.inject({
      method: "POST",
      url: "/v1/projects",
      headers: bearer(admin),
      payload: { id: "billing", name: "Billing bot" },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json() as CreatedProjectResponse;
    expect(body.project).toMatchObject({ id: "billing", name: "Billing bot", role: "admin" });
    expect(body.adminKey).toMatchObject({ projectId: "billing", role: "admin", revokedAt: null });
    const keys = await server.app.inject({
      method: "GET",
      url: "/v1/keys",
      headers: bearer(body.adminKey.key),
    });
    expect(keys.statusCode).toBe(200);
    expect(JSON.stringify(keys.json())).not.toContain(body.adminKey.key);
    // The new project's key sees its project only; the creator's project audited the creation.
    const listed = await server.app.inject({
      method: "GET",
      url: "/v1/projects",
      headers: bearer(body.adminKey.key),
    });
    expect((listed.json() as ListProjectsResponse).items.map((item) => item.id)).toEqual([
      "billing",
    ]);
    for (const key of [admin, body.adminKey.key]) {
      const audit = await server.app.inject({
        method: "GET",
        url: "/v1/audit?action=project.create",
        headers: bearer(key),
      });
      expect((audit.json() as AuditPage).items[0]).toMatchObject({
        action: "project.create",
        actor: "key:admin-key",
        target: "project:billing",
      });
    }
  });

  it("refuses a taken id (409), a bad slug (422) and a non-admin (403), storing nothing", async () => {
    const send = (key: string, payload: object) =>
      server.app.inject({ method: "POST", url: "/v1/projects", headers: bearer(key), payload });
    const taken = await send(admin, { id: "default", name: "Again" });
    expect(taken.statusCode).toBe(409);
    expect((taken.json() as ErrorResponse).error.code).toBe("CONFLICT");
    for (const id of ["Billing", "-x", "a b", "", "x".repeat(64), "../etc"]) {
      const bad = await send(admin, { id, name: "Bad" });
      expect(bad.statusCode, id).toBe(422);
    }
    const refused = await send(editor, { id: "sneaky", name: "Sneaky" });
    expect(refused.statusCode).toBe(403);
    expect(await store.access.getProject("sneaky")).toBeUndefined();
    expect(await store.access.getProject("Billing")).toBeUndefined();
  });

  it("makes a signed-in admin the new project's admin member, listed in GET /v1/projects", async () => {
    const grace = await signIn("grace@example.com");
    const created = await grace("POST", "/v1/projects", { id: "search", name: "Search" });
    expect(created.statusCode).toBe(201);
    const listed = await grace("GET", "/v1/projects");
    expect((listed.json() as ListProjectsResponse).items).toEqual([
      expect.objectContaining({ id: "default", role: "admin" }),
      expect.objectContaining({ id: "search", name: "Search", role: "admin" }),
    ]);
    // She can sign in to it.
    const there = await signIn("grace@example.com", "search");
    expect((await there("GET", "/v1/members")).statusCode).toBe(200);
  });

  it("gives a signed-in member a personal key of their role, which revokes itself", async () => {
    const vic = await signIn("vic@example.com");
    const made = await vic("POST", "/v1/me/keys", { name: "cli laptop" });
    expect(made.statusCode).toBe(201);
    const key = made.json() as CreatedApiKeyResponse;
    expect(key).toMatchObject({
      role: "viewer",
      createdBy: "vic@example.com",
      projectId: "default",
    });
    expect(
      (await server.app.inject({ url: "/v1/prompts", headers: bearer(key.key) })).statusCode,
    ).toBe(200);
    // Not somebody else's key, and a key cannot make personal keys.
    const editorId = (await store.access.listKeys("default")).find(
      (record) => record.name === "editor-key",
    )?.id;
    const foreign = await server.app.inject({
      method: "DELETE",
      url: `/v1/me/keys/${editorId}`,
      headers: bearer(key.key),
    });
    expect(foreign.statusCode).toBe(404);
    const byKey = await server.app.inject({
      method: "POST",
      url: "/v1/me/keys",
      headers: bearer(admin),
      payload: { name: "nope" },
    });
    expect(byKey.statusCode).toBe(403);
    const revoked = await server.app.inject({
      method: "DELETE",
      url: `/v1/me/keys/${key.id}`,
      headers: bearer(key.key),
    });
    expect(revoked.statusCode).toBe(200);
    expect((revoked.json() as ApiKey).revokedAt).not.toBeNull();
    const after = await server.app.inject({ url: "/v1/prompts", headers: bearer(key.key) });
    expect(after.statusCode).toBe(401);
  });
});
