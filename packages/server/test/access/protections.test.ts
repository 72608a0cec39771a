import type { ErrorResponse } from "@quire/core";
import type { Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type QuireApp } from "../../src/build-app.js";
import { type AccessDatabase, accessDatabases, bearer, makeKey } from "./access-fixtures.js";

const pglite = accessDatabases().find((backend) => backend.name === "pglite");

describe("rate limits, security headers and CORS", () => {
  let database: AccessDatabase;
  let store: Store;
  let plain: QuireApp;
  let strict: QuireApp;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    database = await pglite!.open();
    store = await database.openStore();
    plain = await buildApp({ store, logLevel: "silent" });
    strict = await buildApp({
      store,
      logLevel: "silent",
      protections: {
        perKeyPerMinute: 3,
        failedPerAddressPerMinute: 3,
        corsOrigins: ["https://ui.example"],
      },
    });
    key = (await makeKey(store, "viewer")).key;
    otherKey = (await makeKey(store, "viewer")).key;
  });
  afterAll(async () => {
    await plain?.app.close();
    await strict?.app.close();
    await store?.close();
    await database?.close();
  });

  it("sends security headers on API answers, errors and health checks", async () => {
    for (const [url, headers] of [
      ["/v1/prompts", bearer(key)],
      ["/v1/prompts", {}],
      ["/healthz", {}],
    ] as const) {
      const response = await plain.app.inject({ method: "GET", url, headers });
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
      expect(response.headers["x-frame-options"], url).toBe("DENY");
      expect(response.headers["referrer-policy"], url).toBe("no-referrer");
      expect(response.headers["content-security-policy"], url).toContain("default-src 'none'");
      expect(response.headers["strict-transport-security"], url).toBeUndefined();
    }
  });

  it("keeps CORS off by default: no allow-origin for any origin, preflight without permissions", async () => {
    const origin = { origin: "https://evil.example" };
    const read = await plain.app.inject({
      method: "GET",
      url: "/v1/prompts",
      headers: { ...bearer(key), ...origin },
    });
    expect(read.headers["access-control-allow-origin"]).toBeUndefined();
    const preflight = await plain.app.inject({
      method: "OPTIONS",
      url: "/v1/prompts",
      headers: { ...origin, "access-control-request-method": "POST" },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    expect(preflight.headers["access-control-allow-methods"]).toBeUndefined();
  });

  it("allows exactly the configured origins", async () => {
    const allowed = await strict.app.inject({
      method: "OPTIONS",
      url: "/v1/prompts",
      headers: { origin: "https://ui.example", "access-control-request-method": "POST" },
    });
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://ui.example");
    expect(allowed.headers["access-control-allow-headers"]).toContain("authorization");
    expect(allowed.headers.vary).toContain("Origin");
    expect(allowed.headers["access-control-allow-credentials"]).toBeUndefined();
    const other = await strict.app.inject({
      method: "OPTIONS",
      url: "/v1/prompts",
      headers: { origin: "https://ui.example.evil" },
    });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("limits requests per key, with Retry-After, leaving other keys alone", async () => {
    const send = (secret: string) =>
      strict.app.inject({
        method: "GET",
        url: "/v1/prompts",
        headers: bearer(secret),
        remoteAddress: "10.9.0.1",
      });
    for (let index = 0; index < 3; index++) expect((await send(key)).statusCode).toBe(200);
    const limited = await send(key);
    expect(limited.statusCode).toBe(429);
    expect((limited.json() as ErrorResponse).error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await send(otherKey)).statusCode).toBe(200);
  });

  it("limits an address whose requests keep failing authentication, before any lookup", async () => {
    const from = (address: string, authorization: string) =>
      strict.app.inject({
        method: "GET",
        url: "/v1/me",
        headers: { authorization },
        remoteAddress: address,
      });
    const wrong = `Bearer quire_${"z".repeat(43)}`;
    for (let index = 0; index < 3; index++)
      expect((await from("10.8.0.1", wrong)).statusCode).toBe(401);
    const blocked = await from("10.8.0.1", `Bearer ${otherKey}`);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["retry-after"]).toBeDefined();
    expect((await from("10.8.0.2", `Bearer ${otherKey}`)).statusCode).toBe(200);
  });
});
