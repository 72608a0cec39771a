import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditPage, ErrorResponse, MeResponse } from "@quire/core";
import { openStore, type Store } from "@quire/store";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackAddress, isLoopbackHost } from "../../src/auth/loopback.js";
import { buildApp, type QuireApp } from "../../src/build-app.js";
import { localSessionEnabled } from "../../src/start-server.js";
import { bearer, makeKey } from "./access-fixtures.js";

const password = "a sufficiently long secret";

describe("the local admin session (POST /v1/auth/local-session)", () => {
  let directory: string;
  let store: Store;
  const apps: QuireApp[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "quire-local-session-"));
    store = await openStore({ dataDirectory: directory });
  });
  afterEach(async () => {
    for (const built of apps.splice(0)) await built.app.close();
  });
  afterAll(async () => {
    await store?.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function app(enabled: boolean): Promise<QuireApp> {
    const built = await buildApp({ store, logLevel: "silent", localSession: { enabled } });
    apps.push(built);
    return built;
  }

  function ask(
    built: QuireApp,
    options: { remoteAddress?: string; host?: string; origin?: string } = {},
  ) {
    return built.app.inject({
      method: "POST",
      url: "/v1/auth/local-session",
      payload: {},
      remoteAddress: options.remoteAddress ?? "127.0.0.1",
      headers: {
        host: options.host ?? "localhost:4141",
        ...(options.origin === undefined ? {} : { origin: options.origin }),
      },
    });
  }

  function reasonOf(response: { json(): unknown }): unknown {
    return (response.json() as ErrorResponse).error.details;
  }

  it("gives a browser on this machine an admin session that reads and, with the CSRF token, writes", async () => {
    const built = await app(true);
    const response = await ask(built, { origin: "http://localhost:4141" });
    expect(response.statusCode).toBe(200);
    const me = response.json() as MeResponse;
    expect(me).toMatchObject({
      kind: "user",
      name: "local-admin",
      role: "admin",
      projectId: "default",
    });
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^quire_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict/);
    const token = cookie.split(";")[0] ?? "";

    const list = await built.app.inject({
      method: "GET",
      url: "/v1/prompts",
      headers: { cookie: token },
    });
    expect(list.statusCode).toBe(200);
    const withoutCsrf = await built.app.inject({
      method: "POST",
      url: "/v1/prompts",
      headers: { cookie: token },
      payload: { name: "local/first", template: "Hello {{name}}" },
    });
    expect(withoutCsrf.statusCode).toBe(403);
    const created = await built.app.inject({
      method: "POST",
      url: "/v1/prompts",
      headers: { cookie: token, "x-csrf-token": me.csrfToken ?? "" },
      payload: { name: "local/first", template: "Hello {{name}}" },
    });
    expect(created.statusCode).toBe(201);
    expect((created.json() as { version: { author: string } }).version.author).toBe("local-admin");

    const admin = (await makeKey(store, "admin", { name: "audit-reader" })).key;
    const audit = await built.app.inject({
      method: "GET",
      url: "/v1/audit",
      headers: bearer(admin),
    });
    const actions = (audit.json() as AuditPage).items.map((entry) => entry.action);
    expect(actions).toContain("session.local");
  });

  it("is refused when the server is not in local mode", async () => {
    const response = await ask(await app(false));
    expect(response.statusCode).toBe(403);
    expect(reasonOf(response)).toEqual({ reason: "local-mode-off" });
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  it("is refused to a peer on another machine, whatever X-Forwarded-For says", async () => {
    const built = await app(true);
    const response = await built.app.inject({
      method: "POST",
      url: "/v1/auth/local-session",
      payload: {},
      remoteAddress: "192.168.1.20",
      headers: { host: "localhost:4141", "x-forwarded-for": "127.0.0.1" },
    });
    expect(response.statusCode).toBe(403);
    expect(reasonOf(response)).toEqual({ reason: "not-loopback" });
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  it("is refused to a page that reached this machine under another name (DNS rebinding)", async () => {
    const response = await ask(await app(true), { host: "attacker.example:4141" });
    expect(response.statusCode).toBe(403);
    expect(reasonOf(response)).toEqual({ reason: "host-not-local" });
  });

  it("is refused to another site's page", async () => {
    const response = await ask(await app(true), { origin: "http://attacker.example" });
    expect(response.statusCode).toBe(403);
    expect(reasonOf(response)).toEqual({ reason: "cross-origin" });
  });

  it("a session made with any other cookie value is not the local admin", async () => {
    const built = await app(true);
    const response = await built.app.inject({
      method: "GET",
      url: "/v1/me",
      headers: { cookie: "quire_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    });
    expect(response.statusCode).toBe(401);
  });

  // Last: adding a member is for good.
  it("is refused once the project has a member, and sessions it gave stop working", async () => {
    const built = await app(true);
    const granted = await ask(built);
    expect(granted.statusCode).toBe(200);
    const token = String(granted.headers["set-cookie"]).split(";")[0] ?? "";
    const admin = (await makeKey(store, "admin")).key;
    const added = await built.app.inject({
      method: "PUT",
      url: "/v1/members",
      headers: bearer(admin),
      payload: { email: "ada@example.com", name: "Ada", role: "admin", password },
    });
    expect(added.statusCode).toBe(200);
    // At once: the cached "nobody has an account" is dropped when a member is added here.
    const refused = await ask(built);
    expect(refused.statusCode).toBe(403);
    expect(reasonOf(refused)).toEqual({ reason: "accounts-exist" });
    const used = await built.app.inject({
      method: "GET",
      url: "/v1/me",
      headers: { cookie: token },
    });
    expect(used.statusCode).toBe(401);
    expect((used.json() as ErrorResponse).error.message).toMatch(/sign in/);
  });
});

describe("loopback checks", () => {
  it("knows loopback peers", () => {
    for (const address of ["127.0.0.1", "127.5.6.7", "::1", "::ffff:127.0.0.1"]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of ["10.0.0.1", "::ffff:10.0.0.1", "1127.0.0.1", "", undefined]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it("knows loopback Host headers", () => {
    for (const host of [
      "localhost",
      "localhost:4141",
      "127.0.0.1:80",
      "[::1]:4141",
      "app.localhost",
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ["evil.com", "localhost.evil.com", "127.0.0.1.evil.com:4141", undefined]) {
      expect(isLoopbackHost(host), String(host)).toBe(false);
    }
  });

  it("is on by default for the embedded database only; QUIRE_LOCAL_SESSION decides otherwise", () => {
    expect(localSessionEnabled(undefined, undefined, {})).toBe(true);
    expect(localSessionEnabled(undefined, "postgres://x", {})).toBe(false);
    expect(localSessionEnabled(undefined, "postgres://x", { QUIRE_LOCAL_SESSION: "true" })).toBe(
      true,
    );
    expect(localSessionEnabled(undefined, undefined, { QUIRE_LOCAL_SESSION: "false" })).toBe(false);
    expect(localSessionEnabled(false, undefined, { QUIRE_LOCAL_SESSION: "true" })).toBe(false);
    expect(() => localSessionEnabled(undefined, undefined, { QUIRE_LOCAL_SESSION: "yes" })).toThrow(
      /QUIRE_LOCAL_SESSION must be true or false/,
    );
  });
});
