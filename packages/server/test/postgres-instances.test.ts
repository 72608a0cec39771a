import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CreateVersionResponse, GetPromptResponse, RenderResponse } from "@quire/core";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "@quire/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";
import { request, startTestServer, type TestServer } from "./support/test-server.js";

const adminUrl = postgresTestDatabaseUrl();

describe.runIf(adminUrl !== undefined)("server instances on one PostgreSQL", () => {
  let database: PostgresTestDatabase;
  const directories: string[] = [];
  const processes: ServerProcess[] = [];

  async function directory(): Promise<string> {
    const created = await mkdtemp(join(tmpdir(), "quire-postgres-instance-"));
    directories.push(created);
    return created;
  }

  beforeAll(async () => {
    database = await createPostgresTestDatabase(adminUrl!);
  });
  afterAll(async () => {
    for (const child of processes) await child.stop("SIGKILL");
    await database?.drop();
    for (const created of directories) await rm(created, { recursive: true, force: true });
  });

  it("serves a label moved on one process from the other within 100 ms", async () => {
    const first = await startServerProcess({
      databaseUrl: database.url,
      dataDirectory: await directory(),
    });
    processes.push(first);
    const key = (await readFile(first.adminKeyPath, "utf8")).trim();
    const second = await startServerProcess({
      databaseUrl: database.url,
      dataDirectory: await directory(),
    });
    processes.push(second);

    const name = "cluster/label-moves";
    const path = `/v1/prompts/${encodeURIComponent(name)}`;
    const created = await request(first.url, key, "POST", "/v1/prompts", {
      body: { name, template: "version 1 for {{who}}", labels: ["production"] },
    });
    expect(created.status).toBe(201);
    for (let number = 2; number <= 6; number++) {
      const response = await request<CreateVersionResponse>(
        first.url,
        key,
        "POST",
        `${path}/versions`,
        {
          body: { template: `version ${number} for {{who}}` },
        },
      );
      expect(response.body.version.number).toBe(number);
    }

    const delays: number[] = [];
    for (const target of [3, 2, 6, 1, 5]) {
      // Warm the second instance's cache with the current label, then move it on the first.
      const warm = await request<GetPromptResponse>(second.url, key, "GET", path);
      expect(warm.status).toBe(200);
      expect(warm.body.version.number).not.toBe(target);
      const moved = await request(first.url, key, "PUT", `${path}/labels/production`, {
        body: { version: target },
      });
      expect(moved.status).toBe(200);
      const movedAt = performance.now();
      let served = -1;
      while (performance.now() - movedAt < 1_000) {
        const rendered = await request<RenderResponse>(second.url, key, "POST", `${path}/render`, {
          body: { variables: { who: "you" } },
        });
        served = rendered.body.version;
        if (served === target) break;
      }
      expect(served).toBe(target);
      delays.push(performance.now() - movedAt);
      const read = await request<GetPromptResponse>(second.url, key, "GET", path);
      expect(read.body.version.number).toBe(target);
      expect(read.body.prompt.labels.production).toBe(target);
    }
    console.info(
      `label move → served by the other instance after ${delays.map((delay) => delay.toFixed(1)).join(", ")} ms`,
    );
    // The goal (issue 2) is 100 ms, met here by the median of the five moves (3.5–11 ms each on
    // a quiet machine). One slow sample on a loaded CI machine (two test files at once on 2
    // cores) is tolerated up to a second, still far under the 10 s the prompt cache would keep
    // a stale label without the NOTIFY.
    const sorted = [...delays].sort((a, b) => a - b);
    expect(sorted[2]).toBeLessThan(100);
    expect(sorted[4]).toBeLessThan(1_000);
  }, 120_000);
});

describe.runIf(adminUrl !== undefined)("the HTTP API on PostgreSQL", () => {
  let database: PostgresTestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createPostgresTestDatabase(adminUrl!);
    server = await startTestServer({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("gives 50 concurrent version creations distinct consecutive numbers", async () => {
    const name = "cluster/concurrency";
    expect(
      (await server.request("POST", "/v1/prompts", { body: { name, template: "v1" } })).status,
    ).toBe(201);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        server.request<CreateVersionResponse>(
          "POST",
          `/v1/prompts/${encodeURIComponent(name)}/versions`,
          {
            body: { template: `concurrent ${index}` },
          },
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    const numbers = responses.map((response) => response.body.version.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 2));
  });

  it("answers 404, 409 and 422 as on PGlite", async () => {
    expect((await server.request("GET", "/v1/prompts/cluster%2Fnope")).status).toBe(404);
    expect(
      (
        await server.request("POST", "/v1/prompts", {
          body: { name: "cluster/concurrency", template: "x" },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await server.request("PUT", "/v1/prompts/cluster%2Fconcurrency/labels/99", {
          body: { version: 1 },
        })
      ).status,
    ).toBe(422);
  });
});
