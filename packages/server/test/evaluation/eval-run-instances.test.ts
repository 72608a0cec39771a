import type { EvalResult, EvalRun } from "@quire/core";
import { createProviderRegistry } from "@quire/llm";
import { echoReply, startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import type { Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type QuireApp } from "../../src/build-app.js";
import { type AccessDatabase, accessDatabases, makeKey } from "../access/access-fixtures.js";
import { request } from "../support/test-server.js";
import { readEvents } from "./evaluation-test-server.js";

/**
 * Several servers on one database, as behind a load balancer: several apps, each with its own
 * store (connection pool) on PostgreSQL, sharing the one store on PGlite (one process only). One
 * serves the API only (no eval jobs); the others run them.
 */
let models: TestModelServer;

beforeAll(async () => {
  models = await startTestModelServer({
    reply: (call) => ({ ...echoReply(call), latencyMs: 120 }),
  });
}, 60_000);

afterAll(() => models?.close());

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(accessDatabases())("eval runs across servers on $name", (backend) => {
  let database: AccessDatabase;
  let shared: Store;
  const stores: Store[] = [];
  let key: string;
  const apps: QuireApp[] = [];

  beforeAll(async () => {
    database = await backend.open();
    shared = await database.openStore();
    stores.push(shared);
    key = (await makeKey(shared, "admin")).key;
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.app.close();
    for (const store of stores) await store.close();
    await database?.close();
  });

  async function startApp(maxRuns?: number): Promise<{ app: QuireApp; url: string }> {
    let store = shared;
    if (backend.name === "postgres") {
      store = await database.openStore();
      stores.push(store);
    }
    const registry = createProviderRegistry(
      {
        providers: [
          { name: "local", kind: "openai-compatible", baseUrl: models.baseUrl, models: ["slow"] },
        ],
      },
      {},
    );
    const app = await buildApp({
      store,
      logLevel: "silent",
      runs: { registry, retry: false },
      evaluation: {
        worker: { statusCheckIntervalMs: 100, ...(maxRuns === undefined ? {} : { maxRuns }) },
        events: { pollIntervalMs: 50 },
      },
    });
    apps.push(app);
    return { app, url: await app.app.listen({ port: 0, host: "127.0.0.1" }) };
  }

  const runOf = async (url: string, id: string) =>
    (await request<EvalRun>(url, key, "GET", `/v1/eval-runs/${id}`)).body;

  it("streams progress of a run another server executes, and resumes it elsewhere when that server stops", async () => {
    models.reset();
    const api = await startApp(0);
    const first = await startApp();
    await request(api.url, key, "POST", "/v1/prompts", {
      body: { name: "spread/greet", template: "Greet {{name}}.", labels: ["production"] },
    });
    await request(api.url, key, "POST", "/v1/datasets", {
      body: {
        name: "spread/people",
        cases: Array.from({ length: 8 }, (_, index) => ({
          id: `p${index}`,
          variables: { name: `P${index}` },
        })),
      },
    });
    const started = await request<EvalRun>(api.url, key, "POST", "/v1/eval-runs", {
      body: {
        prompts: ["spread/greet@production"],
        models: ["local/slow"],
        dataset: "spread/people",
        concurrency: 1,
        cache: false,
      },
    });
    expect(started.status).toBe(202);
    const id = started.body.id;
    await until(async () => (await runOf(api.url, id)).progress.done >= 3);
    const watched = readEvents(`${api.url}/v1/eval-runs/${id}/events`, key);

    const before = (
      await request<{ items: EvalResult[] }>(api.url, key, "GET", `/v1/eval-runs/${id}/results`)
    ).body.items;
    await first.app.app.close();
    const released = await runOf(api.url, id);
    expect(released.status).toBe("queued");
    expect(released.progress.done).toBeLessThan(8);

    await startApp();
    await until(async () => (await runOf(api.url, id)).status === "completed");
    const finished = await runOf(api.url, id);
    expect(finished.progress).toMatchObject({ total: 8, done: 8, passed: 8 });
    const results = (
      await request<{ items: EvalResult[] }>(api.url, key, "GET", `/v1/eval-runs/${id}/results`)
    ).body.items;
    expect(new Set(results.map((result) => result.caseId)).size).toBe(8);
    for (const kept of before) expect(results).toContainEqual(kept);
    // Finished cells were not asked again: at most the one in flight at the stop was.
    expect(models.requests.length).toBeLessThanOrEqual(9);

    const events = await watched;
    expect(events.at(-1)).toMatchObject({ event: "done", data: { id, status: "completed" } });
    const done = events
      .filter((event) => event.event === "progress")
      .map((event) => (event.data as EvalRun).progress.done);
    expect(done.length).toBeGreaterThan(1);
    expect([...done].sort((left, right) => left - right)).toEqual(done);
  });

  it("stops a run when another server cancels it, between cells", async () => {
    const api = await startApp(0);
    await startApp();
    const started = await request<EvalRun>(api.url, key, "POST", "/v1/eval-runs", {
      body: {
        prompts: ["spread/greet:1"],
        models: ["local/slow"],
        dataset: "spread/people",
        concurrency: 1,
        repeat: 3,
        cache: false,
      },
    });
    const id = started.body.id;
    await until(async () => (await runOf(api.url, id)).progress.done >= 1);
    const cancelled = await request<EvalRun>(api.url, key, "POST", `/v1/eval-runs/${id}/cancel`);
    expect(cancelled.body.status).toBe("cancelled");
    const calls = models.requests.length;
    // The executing server reads the status every 100 ms here: a cell or two more at most.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const settled = models.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(models.requests.length).toBe(settled);
    expect(settled - calls).toBeLessThanOrEqual(3);
    const after = await runOf(api.url, id);
    expect(after.status).toBe("cancelled");
    expect(after.progress.done).toBeLessThan(10);
  });
});
