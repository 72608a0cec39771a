import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CacheStatisticsResponse } from "@quire/core";
import { QuireError } from "@quire/core";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./support/test-server.js";

/** Settings `quire serve` passes from quire.toml's [cache] and [server] tables. */
let models: TestModelServer;
let folder: string;

beforeAll(async () => {
  models = await startTestModelServer();
  folder = await mkdtemp(join(tmpdir(), "quire-settings-"));
});
afterAll(async () => {
  await models?.close();
  await rm(folder, { recursive: true, force: true });
});

const providers = () => [
  {
    name: "local",
    kind: "openai-compatible" as const,
    baseUrl: models.baseUrl,
    models: ["echo"],
    embeddingModels: ["embed"],
  },
];

describe("server settings", () => {
  it("turns the semantic cache on with a configured embedding model and threshold", async () => {
    const server = await startTestServer({
      providers: providers(),
      semanticCacheModel: "local/embed",
      semanticCacheThreshold: 0.9,
    });
    try {
      const stats = await server.request<CacheStatisticsResponse>("GET", "/v1/cache/stats");
      expect(stats.body.semanticCache).toMatchObject({ enabled: true, threshold: 0.9 });
    } finally {
      await server.close();
    }
  });

  it("refuses to start with an embedding model no provider serves, listing those that exist", async () => {
    const failure = await startTestServer({
      providers: providers(),
      semanticCacheModel: "local/missing",
      dataDirectory: join(folder, "missing"),
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(QuireError);
    expect((failure as QuireError).code).toBe("CONFIG_INVALID");
    expect((failure as QuireError).message).toContain("semanticModel");
    expect((failure as QuireError).details).toMatchObject({ configured: ["local/embed"] });
  });

  it("refuses to start with an eval embedding model no provider serves, naming the quire.toml key", async () => {
    const failure = await startTestServer({
      providers: providers(),
      evalEmbeddingModel: "local/absent",
      dataDirectory: join(folder, "eval-missing"),
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(QuireError);
    expect((failure as QuireError).message).toContain("[evaluation] embeddingModel");
    expect((failure as QuireError).details).toMatchObject({
      option: "evalEmbeddingModel",
      configured: ["local/embed"],
    });
  });

  it("answers CORS preflights for configured origins only, and applies the per-key limit", async () => {
    const server = await startTestServer({
      corsOrigins: ["https://app.example.com"],
      rateLimitPerKeyPerMinute: 3,
    });
    try {
      const preflight = (origin: string) =>
        fetch(`${server.url}/v1/prompts`, {
          method: "OPTIONS",
          headers: { origin, "access-control-request-method": "GET" },
        });
      const allowed = await preflight("https://app.example.com");
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
      const other = await preflight("https://evil.example.com");
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      const statuses: number[] = [];
      for (let index = 0; index < 5; index += 1) {
        statuses.push((await server.request("GET", "/v1/prompts")).status);
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await server.close();
    }
  });
});

describe("render limits", () => {
  it("stops a render past the configured loop limit (422 naming the limit), other renders go on", async () => {
    const server = await startTestServer({ renderMaxLoopIterations: 10 });
    try {
      await server.request("POST", "/v1/prompts", {
        body: { name: "limits/loop", template: "{{#each items}}{{this}},{{/each}}" },
      });
      const render = (count: number) =>
        server.request<{ error?: { code: string; details: Record<string, unknown> } }>(
          "POST",
          "/v1/prompts/limits%2Floop/render",
          { body: { variables: { items: Array.from({ length: count }, (_, index) => index) } } },
        );
      const stopped = await render(20);
      expect(stopped.status).toBe(422);
      expect(stopped.body.error).toMatchObject({
        code: "TEMPLATE_RENDER",
        details: { limit: "maxLoopIterations", value: 10 },
      });
      expect((await render(5)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
