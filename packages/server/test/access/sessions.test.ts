import type { AuditPage, ErrorResponse, LoginResponse, MeResponse } from "@quire/core";
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

describe.each(accessDatabases())("users and sessions on $name", (backend) => {
  let database: AccessDatabase;
  let store: Store;
  let server: AccessApp;
  let admin: string;

  beforeAll(async () => {
    database = await backend.open();
    store = await database.openStore();
    server = await openAccessApp(store);
    admin = (await makeKey(store, "admin")).key;
    const added = await server.app.inject({
      method: "PUT",
      url: "/v1/members",
      headers: bearer(admin),
      payload: { email: "Ada@Example.com", name: "Ada", role: "editor", password },
    });
    expect(added.statusCode).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.close();
  });

  async function login(email: string, secret: string, address = "10.0.0.1") {
    const response = await server.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { email, password: secret },
      remoteAddress: address,
    });
    const cookie = response.headers["set-cookie"];
    return {
      status: response.statusCode,
      body: response.json() as unknown,
      cookie: typeof cookie === "string" ? cookie : undefined,
      retryAfter: response.headers["retry-after"],
    };
  }

  function asUser(cookie: string, csrf?: string) {
    const token = cookie.split(";")[0] ?? "";
    return (method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
      server.app.inject({
        method,
        url,
        headers: { cookie: token, ...(csrf === undefined ? {} : { "x-csrf-token": csrf }) },
        ...(payload === undefined ? {} : { payload }),
      });
  }

  it("signs in with the right password, setting an httpOnly SameSite=Strict cookie", async () => {
    const signed = await login("ada@example.com", password);
    expect(signed.status).toBe(200);
    expect(signed.cookie).toMatch(
      /^quire_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    const body = signed.body as LoginResponse;
    expect(body).toMatchObject({
      projectId: "default",
      role: "editor",
      user: { email: "ada@example.com", name: "Ada" },
    });
    const me = await asUser(signed.cookie ?? "")("GET", "/v1/me");
    expect(me.json() as MeResponse).toEqual({
      kind: "user",
      name: "ada@example.com",
      projectId: "default",
      role: "editor",
      csrfToken: body.csrfToken,
    });
    const keyMe = await server.app.inject({ method: "GET", url: "/v1/me", headers: bearer(admin) });
    expect(keyMe.json()).toMatchObject({ kind: "key", role: "admin", csrfToken: null });
  });

  it("refuses a wrong password and an unknown email alike, and a non-member", async () => {
    const wrong = await login("ada@example.com", "not the password", "10.0.0.2");
    const unknown = await login("nobody@example.com", password, "10.0.0.2");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.body as ErrorResponse).error.message).toBe(
      (unknown.body as ErrorResponse).error.message,
    );
    expect(wrong.cookie).toBeUndefined();
    await store.access.createProject({ id: "private", name: "Private" });
    const outsider = await server.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { email: "ada@example.com", password, project: "private" },
    });
    expect(outsider.statusCode).toBe(403);
  });

  it("needs the CSRF header for writes made with the cookie, and enforces the user's role", async () => {
    const signed = await login("ada@example.com", password);
    const { csrfToken } = signed.body as LoginResponse;
    const cookie = signed.cookie ?? "";
    const body = { name: "session/made", template: "hi" };
    const missing = await asUser(cookie)("POST", "/v1/prompts", body);
    expect(missing.statusCode).toBe(403);
    expect((missing.json() as ErrorResponse).error.details).toMatchObject({ reason: "csrf" });
    const forged = await asUser(
      cookie,
      `${csrfToken.slice(0, -1)}${csrfToken.endsWith("x") ? "y" : "x"}`,
    )("POST", "/v1/prompts", body);
    expect(forged.statusCode).toBe(403);
    expect((await asUser(cookie)("GET", "/v1/prompts")).statusCode).toBe(200);
    const made = await asUser(cookie, csrfToken)("POST", "/v1/prompts", body);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ version: { author: "ada@example.com" } });
    // An editor: no keys, no production.
    expect((await asUser(cookie)("GET", "/v1/keys")).statusCode).toBe(403);
    const production = await asUser(cookie, csrfToken)(
      "PUT",
      `/v1/prompts/${encodeURIComponent("session/made")}/labels/production`,
      { version: 1 },
    );
    expect(production.statusCode).toBe(403);
    const audit = await server.app.inject({
      method: "GET",
      url: "/v1/audit?action=prompt.create",
      headers: bearer(admin),
    });
    expect((audit.json() as AuditPage).items[0]?.actor).toBe("user:ada@example.com");
  });

  it("applies a role change to open sessions at once, and signs out everywhere", async () => {
    const signed = await login("ada@example.com", password);
    const { csrfToken } = signed.body as LoginResponse;
    const user = asUser(signed.cookie ?? "", csrfToken);
    expect((await user("GET", "/v1/members")).statusCode).toBe(403);
    const promoted = await server.app.inject({
      method: "PUT",
      url: "/v1/members",
      headers: bearer(admin),
      payload: { email: "ada@example.com", role: "admin" },
    });
    expect(promoted.statusCode).toBe(200);
    expect((await user("GET", "/v1/members")).statusCode).toBe(200);
    const out = await user("POST", "/v1/auth/logout");
    expect(out.json()).toEqual({ loggedOut: true });
    expect(out.headers["set-cookie"]).toContain("Max-Age=0");
    const after = await user("GET", "/v1/me");
    expect(after.statusCode).toBe(401);
    await server.app.inject({
      method: "PUT",
      url: "/v1/members",
      headers: bearer(admin),
      payload: { email: "ada@example.com", role: "editor" },
    });
  });

  it("throttles failed logins per email: after 5, even the right password waits", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await login("ada@example.com", `guess ${attempt}`, `10.1.0.${attempt}`)).status).toBe(
        401,
      );
    }
    const locked = await login("ada@example.com", password, "10.1.0.99");
    expect(locked.status).toBe(429);
    expect((locked.body as ErrorResponse).error.code).toBe("RATE_LIMITED");
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
  });

  it("refuses members without a password for a new user, short passwords and unknown roles", async () => {
    for (const payload of [
      { email: "new@example.com", role: "viewer" },
      { email: "new@example.com", role: "viewer", password: "short" },
      { email: "new@example.com", role: "owner", password },
      { email: "not an email", role: "viewer", password },
    ]) {
      const response = await server.app.inject({
        method: "PUT",
        url: "/v1/members",
        headers: bearer(admin),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(422);
    }
    expect(await store.access.findUserByEmail("new@example.com")).toBeUndefined();
  });
});
