import type { ErrorResponse } from "@quire/core";
import type { Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBatchedCounters } from "../../src/auth/window-counters.js";
import { buildApp, type QuireApp } from "../../src/build-app.js";
import { type AccessDatabase, accessDatabases, bearer, makeKey } from "./access-fixtures.js";

const password = "a sufficiently long secret";

/**
 * The limits count in fixed one-minute windows: a test that crossed a window's end would see the
 * counts start again. Waits out the last seconds of a minute (rarely: 5 s in 60).
 */
async function awayFromWindowEnd(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/**
 * Two servers on one database count each key, address and email once: PostgreSQL (two stores,
 * as two processes would have) when QUIRE_TEST_DATABASE_URL is set; on PGlite, two apps on one
 * store with the counts on the database (the same code path, one process).
 */
describe.each(accessDatabases())("rate limits shared by two servers on $name", (backend) => {
  let database: AccessDatabase;
  const stores: Store[] = [];
  const servers: QuireApp[] = [];

  beforeAll(async () => {
    database = await backend.open();
    for (let index = 0; index < 2; index++) {
      const store =
        backend.name === "postgres" || stores[0] === undefined
          ? await database.openStore()
          : stores[0];
      if (!stores.includes(store)) stores.push(store);
      servers.push(
        await buildApp({
          store,
          logLevel: "silent",
          sharedRateLimits: true,
          // Every request's count shared before it is answered: the limit holds exactly.
          requestCountSyncMilliseconds: 0,
          protections: { perKeyPerMinute: 4, failedPerAddressPerMinute: 3 },
          loginThrottle: { perEmail: 3, windowMilliseconds: 3_600_000 },
        }),
      );
    }
    const first = stores[0] as Store;
    const { key } = await makeKey(first, "admin");
    const added = await servers[0]?.app.inject({
      method: "PUT",
      url: "/v1/members",
      headers: bearer(key),
      payload: { email: "ada@example.com", role: "viewer", password },
    });
    expect(added?.statusCode).toBe(200);
  });
  afterAll(async () => {
    for (const server of servers) await server.app.close();
    for (const store of stores) await store.close();
    await database?.close();
  });

  it("holds a key's limit across both servers, with Retry-After", async () => {
    await awayFromWindowEnd();
    const [first, second] = servers as [QuireApp, QuireApp];
    // A key of its own, made after the wait: all its requests fall in this window (the admin
    // key's request in beforeAll may have been counted in the window before).
    const limitedKey = (await makeKey(stores[0] as Store, "viewer")).key;
    const statuses: number[] = [];
    for (const server of [first, second, first, second]) {
      const response = await server.app.inject({ url: "/v1/prompts", headers: bearer(limitedKey) });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    const limited = await first.app.inject({ url: "/v1/prompts", headers: bearer(limitedKey) });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((limited.json() as ErrorResponse).error.code).toBe("RATE_LIMITED");
    const other = await makeKey(stores[0] as Store, "viewer");
    const fresh = await first.app.inject({ url: "/v1/prompts", headers: bearer(other.key) });
    expect(fresh.statusCode).toBe(200);
  });

  it("refuses an address whose failed authentications add up across servers", async () => {
    await awayFromWindowEnd();
    const [first, second] = servers as [QuireApp, QuireApp];
    const from = (server: QuireApp, authorization: string) =>
      server.app.inject({ url: "/v1/me", headers: { authorization }, remoteAddress: "10.9.9.9" });
    const wrong = `Bearer quire_${"x".repeat(43)}`;
    const good = `Bearer ${(await makeKey(stores[0] as Store, "viewer")).key}`;
    expect((await from(second, good)).statusCode).toBe(200);
    expect((await from(first, wrong)).statusCode).toBe(401);
    expect((await from(second, wrong)).statusCode).toBe(401);
    expect((await from(first, wrong)).statusCode).toBe(401);
    // The third failure spent the limit (3): the first server refuses even a good key.
    expect((await from(first, good)).statusCode).toBe(429);
    // The second server learns it from its next failure, then refuses the address too.
    expect((await from(second, wrong)).statusCode).toBe(401);
    const refused = await from(second, good);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("throttles failed logins per email across servers; success elsewhere is refused too", async () => {
    const [first, second] = servers as [QuireApp, QuireApp];
    const login = (server: QuireApp, secret: string, address: string) =>
      server.app.inject({
        method: "POST",
        url: "/v1/auth/login",
        payload: { email: "ada@example.com", password: secret },
        remoteAddress: address,
      });
    // A success on one server clears the email's failures on both.
    expect((await login(first, "wrong one", "10.1.0.1")).statusCode).toBe(401);
    expect((await login(second, password, "10.1.0.2")).statusCode).toBe(200);
    for (const [server, address] of [
      [first, "10.1.0.3"],
      [second, "10.1.0.4"],
      [first, "10.1.0.5"],
    ] as const) {
      expect((await login(server, "wrong again", address)).statusCode).toBe(401);
    }
    const locked = await login(second, password, "10.1.0.6");
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("shares batched request counts at the next sync after the interval", async () => {
    await awayFromWindowEnd();
    const store = stores[0] as Store;
    const batched = createBatchedCounters(store.rateLimits, { syncMilliseconds: 50 });
    for (let index = 0; index < 5; index++) await batched.increment("batch-probe", 60_000);
    const started = Date.now();
    // The first count went at once; the other four wait for the interval to pass.
    while (Date.now() - started < 60) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await batched.increment("batch-probe", 60_000)).count).toBe(6);
    await batched.close();
    const window = { start: new Date(Math.floor(Date.now() / 60_000) * 60_000), end: new Date() };
    expect(await store.rateLimits.count("batch-probe", window)).toBe(6);
  });

  it("sweeps windows that have ended", async () => {
    const store = stores[0] as Store;
    const past = { start: new Date(Date.now() - 120_000), end: new Date(Date.now() - 60_000) };
    expect(await store.rateLimits.increment("sweep-probe", past)).toBe(1);
    expect(await store.rateLimits.increment("sweep-probe", past, 2)).toBe(3);
    expect(await store.rateLimits.sweep()).toBeGreaterThanOrEqual(1);
    expect(await store.rateLimits.count("sweep-probe", past)).toBe(0);
  });
});
