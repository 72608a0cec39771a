import type { CacheStatisticsResponse, InvalidateCacheResponse, RunResponse } from "@quire/core";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { deferredPgvectorCheck, postgresTestDatabaseUrl } from "@quire/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../support/backends.js";
import type { TestServer } from "../support/test-server.js";

/**
 * The semantic cache end to end over HTTP, on PGlite and on PostgreSQL with pgvector: runs of
 * similar prompts served from one answer, embeddings from the OpenAI-compatible test server
 * through the real provider client, statistics and invalidation through /v1/cache.
 */
const question =
  "Summarize the attached quarterly report for the board in three short bullet points covering revenue growth costs hiring plans risks and the outlook for next quarter";
const closeQuestion = `${question} thanks`;
const otherQuestion = "Translate the following sentence into French and keep the formal tone";
const prompt = "semantic/ask";

let models: TestModelServer;
beforeAll(async () => {
  models = await startTestModelServer();
});
afterAll(() => models?.close());

const chatCalls = () => models.requests.filter((request) => request.endpoint === "chat").length;

for (const backend of testBackends()) {
  describe(`the semantic cache over HTTP on ${backend.name}`, () => {
    let server: TestServer;
    let vectorInstalled = () => true;

    beforeAll(async () => {
      const adminUrl = backend.name === "postgres" ? postgresTestDatabaseUrl() : undefined;
      // Under CI a missing pgvector fails the test, saying to run .ci/install-pgvector.sh.
      if (adminUrl !== undefined) vectorInstalled = await deferredPgvectorCheck(adminUrl);
      server = await backend.start({
        providers: [
          {
            name: "local",
            kind: "openai-compatible",
            baseUrl: models.baseUrl,
            models: ["echo"],
            embeddingModels: ["embed"],
          },
        ],
        semanticCacheModel: "local/embed",
      });
      const created = await server.request("POST", "/v1/prompts", {
        body: {
          name: prompt,
          template: "{{question}}",
          labels: ["production"],
          config: { model: "local/echo", temperature: 0 },
        },
      });
      if (created.status !== 201) throw new Error(`creating the prompt: ${created.text}`);
    }, 60_000);
    afterAll(() => server?.close());

    const run = (text: string) =>
      server.request<RunResponse>("POST", `/v1/prompts/${encodeURIComponent(prompt)}/run`, {
        body: { variables: { question: text } },
      });

    it("serves a similar prompt's run from the first answer, counts it, and forgets it when invalidated", async () => {
      const stats = async () =>
        (
          await server.request<CacheStatisticsResponse>(
            "GET",
            `/v1/cache/stats?prompt=${encodeURIComponent(prompt)}`,
          )
        ).body;
      const installed = vectorInstalled();
      const before = await stats();
      if (!installed) {
        // Without pgvector the server starts with the semantic cache off and says why.
        expect(before.semanticCache).toMatchObject({
          enabled: false,
          reason: expect.stringMatching(/pgvector/),
        });
        expect((await run(question)).status).toBe(200);
        return;
      }
      expect(before.semanticCache).toEqual({
        enabled: true,
        reason: null,
        threshold: 0.95,
        vectorVersion: expect.stringMatching(/^\d+\.\d+/),
      });
      const first = await run(question);
      expect(first.body).toMatchObject({ cacheHit: false, output: `echo: ${question}` });
      const calls = chatCalls();
      const similar = await run(closeQuestion);
      // The model is not called: the answer to the similar question is served.
      expect(similar.body).toMatchObject({ cacheHit: true, output: `echo: ${question}` });
      expect(chatCalls()).toBe(calls);
      const other = await run(otherQuestion);
      expect(other.body).toMatchObject({ cacheHit: false, output: `echo: ${otherQuestion}` });
      expect((await stats()).items[0]).toMatchObject({
        prompt,
        semanticHits: 1,
        semanticMisses: 2,
      });

      const removed = await server.request<InvalidateCacheResponse>(
        "DELETE",
        `/v1/cache?prompt=${encodeURIComponent(prompt)}`,
      );
      expect(removed.status).toBe(200);
      // The two answers the model gave; the served one became an exact entry too.
      expect(removed.body.removed).toEqual({ exact: 3, semantic: 2 });
      const afterInvalidation = await run(closeQuestion);
      expect(afterInvalidation.body).toMatchObject({
        cacheHit: false,
        output: `echo: ${closeQuestion}`,
      });
      expect(chatCalls()).toBe(calls + 2);
      const all = await server.request<InvalidateCacheResponse>("DELETE", "/v1/cache?all=true");
      expect(all.body.removed).toEqual({ exact: 1, semantic: 1 });
    });
  });
}
