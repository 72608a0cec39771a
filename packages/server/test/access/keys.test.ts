import type { ApiKey, CreatedApiKeyResponse, ErrorResponse } from "@quire/core";
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

describe.each(accessDatabases())("API keys on $name", (backend) => {
  let database: AccessDatabase;
  let store: Store;
  let server: AccessApp;
  let admin: string;

  beforeAll(async () => {
    database = await backend.open();
    store = await database.openStore();
    server = await openAccessApp(store, { lastUseFlushMilliseconds: 60_000 });
    admin = (await makeKey(store, "admin", { name: "root" })).key;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.close();
  });

  async function call(method: "GET" | "POST" | "DELETE", url: string, key: string, body?: unknown) {
    const response = await server.app.inject({
      method,
      url,
      headers: bearer(key),
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: response.json() as unknown };
  }

  it("shows a created key once, stores only its hash, and lists it by prefix", async () => {
    const created = await call("POST", "/v1/keys", admin, { name: "ci", role: "publisher" });
    expect(created.status).toBe(201);
    const body = created.body as CreatedApiKeyResponse;
    expect(body.key).toMatch(/^quire_[A-Za-z0-9_-]{43}$/);
    expect(body.key.startsWith(body.prefix)).toBe(true);
    expect(body).toMatchObject({
      role: "publisher",
      scope: "write",
      projectId: "default",
      createdBy: "root",
    });
    const listed = await call("GET", "/v1/keys", admin);
    expect(listed.status).toBe(200);
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain(body.key);
    const item = (listed.body as { items: ApiKey[] }).items.find((key) => key.id === body.id);
    expect(item).toMatchObject({ prefix: body.prefix, name: "ci", revokedAt: null });
    expect(item).not.toHaveProperty("key");
    // The new key works with its role: publisher may read, not manage keys.
    expect((await call("GET", "/v1/prompts", body.key)).status).toBe(200);
    expect((await call("GET", "/v1/keys", body.key)).status).toBe(403);
  });

  it("maps scopes onto roles and refuses both at once, unknown roles and past expiry", async () => {
    const read = await call("POST", "/v1/keys", admin, { name: "reader", scope: "read" });
    expect((read.body as ApiKey).role).toBe("viewer");
    const write = await call("POST", "/v1/keys", admin, { name: "writer", scope: "write" });
    expect((write.body as ApiKey).role).toBe("editor");
    const before = (await store.access.listKeys("default")).length;
    for (const body of [
      { name: "both", scope: "read", role: "viewer" },
      { name: "owner", role: "owner" },
      { name: "" },
      { name: "late", expiresAt: "2001-01-01T00:00:00Z" },
      { name: "extra", secret: "x" },
    ]) {
      const refused = await call("POST", "/v1/keys", admin, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect((refused.body as ErrorResponse).error.code).toBe("VALIDATION_FAILED");
    }
    expect((await store.access.listKeys("default")).length).toBe(before);
  });

  it("refuses wrong, malformed, expired and revoked keys with 401 and a reason", async () => {
    const reasons = async (authorization: string) => {
      const response = await server.app.inject({
        method: "GET",
        url: "/v1/prompts",
        headers: { authorization },
      });
      expect(response.statusCode).toBe(401);
      return (response.json() as ErrorResponse).error.details?.reason;
    };
    expect(await reasons(`Bearer quire_${"x".repeat(43)}`)).toBe("unknown");
    expect(await reasons("Bearer nope")).toBe("malformed");
    expect(await reasons("Basic abc")).toBe("malformed");
    const soon = new Date(Date.now() + 300).toISOString();
    const expiring = await makeKey(store, "viewer", { expiresAt: soon });
    expect((await call("GET", "/v1/prompts", expiring.key)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await reasons(`Bearer ${expiring.key}`)).toBe("expired");

    const doomed = await makeKey(store, "editor");
    expect((await call("GET", "/v1/prompts", doomed.key)).status).toBe(200);
    const revoked = await call("DELETE", `/v1/keys/${doomed.id}`, admin);
    expect(revoked.status).toBe(200);
    expect((revoked.body as ApiKey).revokedAt).not.toBeNull();
    expect(await reasons(`Bearer ${doomed.key}`)).toBe("revoked");
    // Revoking again keeps the first time.
    const again = await call("DELETE", `/v1/keys/${doomed.id}`, admin);
    expect((again.body as ApiKey).revokedAt).toBe((revoked.body as ApiKey).revokedAt);
    expect((await call("DELETE", "/v1/keys/no-such-key", admin)).status).toBe(404);
  });

  it("keeps a key of one project off another project's resources", async () => {
    await store.access.createProject({ id: "acme", name: "Acme" });
    const acme = await makeKey(store, "admin", { projectId: "acme", name: "acme-admin" });
    const registry = await call("GET", "/v1/prompts", acme.key);
    expect(registry.status).toBe(403);
    expect((registry.body as ErrorResponse).error.details).toMatchObject({
      project: "acme",
      resourceProject: "default",
    });
    // Its own keys only; another project's key is not found, and stays working.
    const listed = await call("GET", "/v1/keys", acme.key);
    expect((listed.body as { items: ApiKey[] }).items.map((key) => key.name)).toEqual([
      "acme-admin",
    ]);
    const other = await makeKey(store, "viewer");
    expect((await call("DELETE", `/v1/keys/${other.id}`, acme.key)).status).toBe(404);
    expect((await call("GET", "/v1/prompts", other.key)).status).toBe(200);
    // Keys it creates belong to its project.
    const created = await call("POST", "/v1/keys", acme.key, { name: "acme-ci", role: "editor" });
    expect((created.body as ApiKey).projectId).toBe("acme");
  });

  it("writes last use in batches, not per request", async () => {
    const used = await makeKey(store, "viewer");
    for (let index = 0; index < 5; index++) {
      expect((await call("GET", "/v1/prompts", used.key)).status).toBe(200);
    }
    const listed = async () =>
      (await store.access.listKeys("default")).find((key) => key.id === used.id)?.lastUsedAt;
    // The flush interval is a minute here: nothing written yet.
    expect(await listed()).toBeNull();
    await server.authenticator.flushKeyUses();
    const written = await listed();
    expect(written).not.toBeNull();
    expect(Date.now() - Date.parse(written ?? "")).toBeLessThan(10_000);
  });
});
