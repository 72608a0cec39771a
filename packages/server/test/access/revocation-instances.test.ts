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

const postgres = accessDatabases().find((backend) => backend.name === "postgres");

describe.runIf(postgres !== undefined)("revoking a key on two servers on one PostgreSQL", () => {
  let database: AccessDatabase;
  const stores: Store[] = [];
  const servers: AccessApp[] = [];

  beforeAll(async () => {
    database = await postgres!.open();
    for (let index = 0; index < 2; index++) {
      const store = await database.openStore();
      stores.push(store);
      // A minute of key cache: only the revocation notice can make the other server forget.
      servers.push(await openAccessApp(store, { ttlMilliseconds: 60_000 }));
    }
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const store of stores) await store.close();
    await database?.close();
  });

  it("stops the key on the other server at once, though its cache would keep it a minute", async () => {
    const [first, second] = servers as [AccessApp, AccessApp];
    const admin = await makeKey(first.store, "admin");
    const victim = await makeKey(first.store, "viewer");
    const read = (server: AccessApp) =>
      server.app.inject({ method: "GET", url: "/v1/prompts", headers: bearer(victim.key) });
    expect((await read(first)).statusCode).toBe(200);
    expect((await read(second)).statusCode).toBe(200);
    const revoked = await first.app.inject({
      method: "DELETE",
      url: `/v1/keys/${victim.id}`,
      headers: bearer(admin.key),
    });
    expect(revoked.statusCode).toBe(200);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 2_000) {
      status = (await read(second)).statusCode;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await read(first)).statusCode).toBe(401);
  });
});
