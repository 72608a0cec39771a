import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  CacheStatisticsResponse,
  ErrorResponse,
  GenerateRequest,
  InvalidateCacheResponse,
} from "@quire/core";
import { stubLanguageModel } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, ensureAdminKey, type QuireApp } from "../../src/index.js";
import { cacheBackends, type OpenedCacheBackend } from "./cache-backends.js";

const request: GenerateRequest = {
  messages: [{ role: "user", content: [{ type: "text", text: "hello" }] }],
  temperature: 0,
};

for (const backend of cacheBackends()) {
  describe(`/v1/cache routes on ${backend.name}`, () => {
    let opened: OpenedCacheBackend;
    let built: QuireApp;
    let keyFolder: string;
    let key: string;
    const call = async <Body>(method: "GET" | "DELETE", url: string, withKey = true) => {
      const response = await built.app.inject({
        method,
        url,
        headers: withKey ? { authorization: `Bearer ${key}` } : {},
      });
      return { status: response.statusCode, body: response.json() as Body };
    };
    /** One miss and one hit of `prompt` on `modelId`, through the app's exact cache. */
    const useCache = async (prompt: string, modelId: string) => {
      const model = stubLanguageModel(modelId, [
        { text: "answer", usage: { inputTokens: 7, outputTokens: 3 } },
      ]);
      await built.responseCaches.exact.generate(model, request, { prompt });
      await built.responseCaches.exact.generate(model, request, { prompt });
    };

    beforeAll(async () => {
      opened = await backend.open();
      keyFolder = await mkdtemp(join(tmpdir(), "quire-cache-routes-"));
      const adminKey = await ensureAdminKey(opened.store, keyFolder);
      key = (await readFile(adminKey.path, "utf8")).trim();
      built = await buildApp({ store: opened.store, logLevel: "silent" });
    });
    afterAll(async () => {
      await built?.app.close();
      await opened?.close();
      await rm(keyFolder, { recursive: true, force: true });
    });

    it("needs an API key, like every /v1 route", async () => {
      expect((await call("GET", "/v1/cache/stats", false)).status).toBe(401);
      const refused = await call<ErrorResponse>("DELETE", "/v1/cache?all=true", false);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe("UNAUTHORIZED");
    });

    it("GET /v1/cache/stats answers per prompt and in total, with the caches' settings", async () => {
      await useCache("routes/stats-a", "test/one");
      await useCache("routes/stats-b", "test/one");
      const { status, body } = await call<CacheStatisticsResponse>("GET", "/v1/cache/stats");
      expect(status).toBe(200);
      const byPrompt = new Map(body.items.map((item) => [item.prompt, item]));
      expect(byPrompt.get("routes/stats-a")).toMatchObject({
        hits: 1,
        misses: 1,
        hitRate: 0.5,
        savedInputTokens: 7,
        savedOutputTokens: 3,
        unpricedHits: 1,
      });
      expect(body.totals.hits).toBe(body.items.reduce((sum, item) => sum + item.hits, 0));
      expect(body.totals.hits).toBeGreaterThanOrEqual(2);
      expect(body.exactCache).toEqual({ enabled: true, ttlMs: 3_600_000 });
      expect(body.semanticCache).toMatchObject({ enabled: false, reason: expect.any(String) });
      const one = await call<CacheStatisticsResponse>(
        "GET",
        "/v1/cache/stats?prompt=routes%2Fstats-b",
      );
      expect(one.body.items.map((item) => item.prompt)).toEqual(["routes/stats-b"]);
      expect(one.body.totals.hits).toBe(1);
    });

    it("DELETE /v1/cache removes by prompt, by model, or all with ?all=true", async () => {
      await useCache("routes/del-a", "test/one");
      await useCache("routes/del-a", "test/two");
      await useCache("routes/del-b", "test/two");
      const byPrompt = await call<InvalidateCacheResponse>(
        "DELETE",
        "/v1/cache?prompt=routes%2Fdel-a&model=test%2Fone",
      );
      expect(byPrompt).toEqual({
        status: 200,
        body: { removed: { exact: 1, semantic: 0 }, prompt: "routes/del-a", model: "test/one" },
      });
      const byModel = await call<InvalidateCacheResponse>("DELETE", "/v1/cache?model=test%2Ftwo");
      expect(byModel.body.removed.exact).toBe(2);
      expect(byModel.body.prompt).toBeNull();
      await useCache("routes/del-c", "test/three");
      const all = await call<InvalidateCacheResponse>("DELETE", "/v1/cache?all=true");
      expect(all.body.removed.exact).toBeGreaterThanOrEqual(1);
      const model = stubLanguageModel("test/three", [{ text: "fresh" }]);
      const after = await built.responseCaches.exact.generate(model, request, {
        prompt: "routes/del-c",
      });
      expect(after.cacheHit).toBe(false);
    });

    it("refuses an invalidation that names nothing, mixes all with a filter, or has a bad name, removing nothing", async () => {
      await useCache("routes/kept", "test/one");
      for (const url of [
        "/v1/cache",
        "/v1/cache?all=false",
        "/v1/cache?all=true&prompt=routes%2Fkept",
        "/v1/cache?all=yes",
        "/v1/cache?prompt=bad%20name!",
        "/v1/cache?model=",
      ]) {
        const refused = await call<ErrorResponse>("DELETE", url);
        expect({ url, status: refused.status }).toEqual({ url, status: 422 });
        expect(refused.body.error.code).toBe("VALIDATION_FAILED");
      }
      const missing = await call<ErrorResponse>("DELETE", "/v1/cache");
      expect(missing.body.error.message).toMatch(/\?all=true/);
      const model = stubLanguageModel("test/one", [{ text: "not called" }]);
      const kept = await built.responseCaches.exact.generate(model, request, {
        prompt: "routes/kept",
      });
      expect(kept.cacheHit).toBe(true);
    });

    it("is in the OpenAPI document", async () => {
      const document = (await built.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      expect(Object.keys(document.paths["/v1/cache/stats"] ?? {})).toContain("get");
      expect(Object.keys(document.paths["/v1/cache"] ?? {})).toContain("delete");
    });
  });
}
