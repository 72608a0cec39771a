import type { RenderResponse } from "@quire/core";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "@quire/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, startTestServer, type TestServer } from "../support/test-server.js";

const adminUrl = postgresTestDatabaseUrl();

/**
 * Two server instances on one PostgreSQL database, each with its own store, cache and LISTEN
 * connection: a component's label moved through one changes what the other renders for the
 * component's includers (the change event drops the component's prompt record there, and the
 * includer's composed entry no longer matches it).
 */
describe.runIf(adminUrl !== undefined)("components across server instances", () => {
  let database: PostgresTestDatabase;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(adminUrl ?? "");
    first = await startTestServer({ databaseUrl: database.url });
    // The same folder, only for admin.key: the database is PostgreSQL.
    second = await startTestServer({
      databaseUrl: database.url,
      dataDirectory: first.dataDirectory,
    });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  const renderOn = async (server: TestServer) =>
    (
      await request<RenderResponse>(
        server.url,
        first.adminKey,
        "POST",
        `/v1/prompts/${encodeURIComponent("cluster/reply")}/render`,
        { body: { variables: {} } },
      )
    ).body;

  /** Polls the second instance until it renders `expected`; the milliseconds it took. */
  async function millisecondsUntil(expected: string): Promise<number> {
    const started = performance.now();
    for (;;) {
      if ((await renderOn(second)).text === expected) return performance.now() - started;
      if (performance.now() - started > 2_000) throw new Error(`never rendered ${expected}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  // Under a second, not the 10 s the cache would keep them without the NOTIFY; the 100 ms goal
  // is held by the median of postgres-instances.test.ts (one sample here reached 104 ms on a
  // loaded CI machine).
  it("serves a component's moved label and new latest version from the other instance at once (NOTIFY)", async () => {
    const send = (method: string, path: string, body: unknown) =>
      request(first.url, first.adminKey, method, path, { body });
    expect(
      (
        await send("POST", "/v1/prompts", {
          name: "cluster/tone",
          template: "calm",
          labels: ["production"],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await send("POST", "/v1/prompts", {
          name: "cluster/reply",
          template: "[{{> cluster/tone@production}}] [{{> cluster/tone}}]",
        })
      ).status,
    ).toBe(201);
    expect((await renderOn(second)).text).toBe("[calm] [calm]");
    // Cached on the second instance now; the next change is made on the first.
    expect(
      (await send("POST", "/v1/prompts/cluster%2Ftone/versions", { template: "loud" })).status,
    ).toBe(201);
    expect(await millisecondsUntil("[calm] [loud]")).toBeLessThan(1_000);
    expect(
      (await send("PUT", "/v1/prompts/cluster%2Ftone/labels/production", { version: 2 })).status,
    ).toBe(200);
    expect(await millisecondsUntil("[loud] [loud]")).toBeLessThan(1_000);
    const provenance = (await renderOn(second)).provenance;
    expect(
      provenance.components.map((component) => `${component.reference} → ${component.version}`),
    ).toEqual(["cluster/tone@production → 2", "cluster/tone → 2"]);
  });
});
