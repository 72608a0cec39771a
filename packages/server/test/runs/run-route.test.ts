import type { Execution, RunResponse } from "@quire/core";
import { runResponseSchema } from "@quire/core";
import type { TestReplyScript } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunTestServer, startRunTestServer } from "./run-test-server.js";

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

let quire: RunTestServer;

const baseScript: TestReplyScript = (request) => {
  if (request.model === "json") {
    // The first answer misses a required field; the repair gets it right.
    return request.index % 2 === 0
      ? { type: "text", text: '{"mood": "happy"}' }
      : { type: "text", text: 'Here: ```json\n{"mood": "happy", "score": 0.9}\n```' };
  }
  return undefined; // echo: <last user text>
};

beforeAll(async () => {
  quire = await startRunTestServer({ script: baseScript });
  await quire.createPrompt({ name: "greet/tone", template: "Be warm and brief." });
  await quire.createPrompt({
    name: "greet/hello",
    type: "chat",
    template: [
      { role: "system", content: "You greet people. {{> greet/tone}}" },
      { role: "user", content: "Say hello to {{name}}." },
    ],
    inputSchema: {
      type: "object",
      properties: { name: { type: "string" } },
      required: ["name"],
    },
    config: { model: "local/echo", temperature: 0 },
  });
}, 60_000);

afterAll(() => quire?.close());

describe("POST /v1/prompts/{name}/run", () => {
  it("renders with components, calls the version's model and answers with usage and provenance", async () => {
    const response = await quire.run<RunResponse>("greet/hello", { variables: { name: "Ann" } });
    expect(response.status).toBe(200);
    expect(runResponseSchema.safeParse(response.body).success).toBe(true);
    const body = response.body;
    expect(body).toMatchObject({
      prompt: "greet/hello",
      version: 1,
      label: "production",
      output: "echo: Say hello to Ann.",
      model: "local/echo",
      servedBy: "local/echo",
      failures: [],
      strategy: "direct",
      finishReason: "stop",
      cacheHit: false,
      timeToFirstTokenMs: null,
      parameters: { temperature: 0 },
      usage: { outputTokens: 5, estimated: false, modelCalls: 1 },
    });
    expect(body.usage.inputTokens).toBeGreaterThan(5);
    expect(body.provenance.components).toEqual([
      expect.objectContaining({ name: "greet/tone", version: 1 }),
    ]);
    expect(body.latencyMs).toBeGreaterThan(0);
    const timing = /^provider;dur=([\d.]+), quire;dur=([\d.]+)$/.exec(
      response.headers.get("server-timing") ?? "",
    );
    expect(Number(timing?.[1])).toBeGreaterThan(0);
    expect(Number(timing?.[1]) + Number(timing?.[2])).toBeCloseTo(body.latencyMs, 2);
    expect(body.executionId).toMatch(/^[0-9a-f-]{36}$/);
    const sent = quire.models.requests.at(-1)?.body as { messages: { content: unknown }[] };
    expect(JSON.stringify(sent.messages[0])).toContain("Be warm and brief.");
  });

  it("serves the second identical run from the response cache, costing nothing", async () => {
    const variables = { name: "Cache" };
    const first = await quire.run<RunResponse>("greet/hello", { variables });
    const calls = quire.models.requests.length;
    const second = await quire.run<RunResponse>("greet/hello", { variables });
    expect(first.body.cacheHit).toBe(false);
    expect(second.body).toMatchObject({ cacheHit: true, output: first.body.output });
    expect(quire.models.requests.length).toBe(calls);
    expect(second.body.usage).toEqual(first.body.usage);
    expect(second.headers.get("server-timing")).toMatch(/^provider;dur=0\.000,/);
    const skipped = await quire.run<RunResponse>("greet/hello", { variables, cache: false });
    expect(skipped.body.cacheHit).toBe(false);
    expect(quire.models.requests.length).toBe(calls + 1);
  });

  it("caches answers sampled above temperature 0 only when asked", async () => {
    const body = { variables: { name: "Warm" }, params: { temperature: 0.8 } };
    await quire.run("greet/hello", body);
    const again = await quire.run<RunResponse>("greet/hello", body);
    expect(again.body.cacheHit).toBe(false);
    await quire.run("greet/hello", { ...body, cache: true });
    const asked = await quire.run<RunResponse>("greet/hello", { ...body, cache: true });
    expect(asked.body).toMatchObject({ cacheHit: true, parameters: { temperature: 0.8 } });
  });

  it("runs the version's self-consistency strategy and answers the vote", async () => {
    const answers = ["Answer: 42", "Answer: 42", "Answer: 7"];
    let sample = 0;
    quire.models.script((request) =>
      request.model === "backup" ? { type: "text", text: answers[sample++ % 3] ?? "" } : undefined,
    );
    try {
      await quire.createPrompt({
        name: "math/vote",
        template: "What is 6 × 7? End with 'Answer: N'.",
        config: {
          model: "local/backup",
          temperature: 0.7,
          strategy: "self-consistency",
          samples: 3,
        },
      });
      const response = await quire.run<RunResponse>("math/vote", {});
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        output: "42",
        strategy: "self-consistency",
        usage: { modelCalls: 3 },
        strategyResult: { successes: 3, method: "majority" },
      });
      expect(response.body.strategyResult?.distribution).toEqual([
        { answer: "42", votes: 2, share: 2 / 3 },
        { answer: "7", votes: 1, share: 1 / 3 },
      ]);
    } finally {
      quire.models.script(baseScript);
    }
  });

  it("honours the version's output schema: checked JSON, with a repair round", async () => {
    await quire.createPrompt({
      name: "feel/mood",
      template: "How does this sound: {{text}}",
      outputSchema: {
        type: "object",
        properties: { mood: { type: "string" }, score: { type: "number" } },
        required: ["mood", "score"],
      },
      config: { model: "local/json" },
    });
    quire.models.reset();
    const response = await quire.run<RunResponse>("feel/mood", { variables: { text: "yay" } });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      strategy: "structured-output",
      json: { mood: "happy", score: 0.9 },
      usage: { modelCalls: 2 },
      strategyResult: { attempts: 2 },
    });
    const firstRequest = quire.models.requests[0]?.body as { response_format?: { type: string } };
    expect(firstRequest.response_format?.type).toMatch(/^json/);
  });

  it("logs an execution for each run, with the render's provenance and the caller's ids", async () => {
    const response = await quire.run<RunResponse>("greet/hello", {
      variables: { name: "Logged" },
      userId: "user-7",
      sessionId: "session-3",
      metadata: { feature: "onboarding" },
    });
    await quire.server.executionLog.flush();
    const listed = await quire.request<{ items: Execution[] }>(
      "GET",
      "/v1/executions?prompt=greet%2Fhello&limit=500",
    );
    const record = listed.body.items.find((item) => item.id === response.body.executionId);
    expect(record).toMatchObject({
      promptName: "greet/hello",
      version: 1,
      label: "production",
      componentVersions: [{ name: "greet/tone", version: 1, reference: "greet/tone" }],
      model: "local/echo",
      provider: "local",
      inputTokens: response.body.usage.inputTokens,
      outputTokens: response.body.usage.outputTokens,
      success: true,
      errorClass: null,
      cacheHit: false,
      endUserId: "user-7",
      sessionId: "session-3",
      metadata: { feature: "onboarding" },
    });
    expect(record?.latencyMs).toBeCloseTo(response.body.latencyMs, 5);
    expect(record?.contextSignature).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("a stable prefix for the provider's prompt cache", () => {
  const lastRequestBody = () =>
    quire.models.requests[quire.models.requests.length - 1]?.body as {
      system?: Array<{ cache_control?: unknown }>;
      messages: Array<{ content: Array<{ cache_control?: unknown }> | string }>;
    };

  it('marks the system prompt with "system" (Anthropic cache_control), from the request or the version config', async () => {
    await quire.createPrompt({
      name: "prefix/anthropic",
      type: "chat",
      template: [
        { role: "system", content: "You answer questions about our refund policy." },
        { role: "user", content: "{{question}}" },
      ],
      config: { model: "claude/sonnet", temperature: 0, stablePrefix: "system" },
    });
    const fromConfig = await quire.run("prefix/anthropic", { variables: { question: "Why?" } });
    expect(fromConfig.status).toBe(200);
    const body = lastRequestBody();
    expect(body.system?.[0]?.cache_control).toEqual({ type: "ephemeral" });
    expect(JSON.stringify(body.messages)).not.toContain("cache_control");

    const counted = await quire.run("prefix/anthropic", {
      variables: { question: "How?" },
      stablePrefix: 2,
    });
    expect(counted.status).toBe(200);
    const last = lastRequestBody().messages.at(-1)?.content;
    expect(Array.isArray(last) ? last.at(-1)?.cache_control : undefined).toEqual({
      type: "ephemeral",
    });
  });

  it("refuses a prefix longer than the rendered messages (422), naming both counts", async () => {
    const refused = await quire.run<ErrorBody>("prefix/anthropic", {
      variables: { question: "Why?" },
      stablePrefix: 3,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("render has 2");
    expect(refused.body.error.details).toMatchObject({ field: "stablePrefix", messages: 2 });
    const zero = await quire.run<ErrorBody>("prefix/anthropic", {
      variables: { question: "Why?" },
      stablePrefix: 0,
    });
    expect(zero.status).toBe(422);
  });
});

describe("refused runs", () => {
  it("names a missing required variable (422) and logs nothing", async () => {
    const response = await quire.run<ErrorBody>("greet/hello", { variables: {} });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain("name");
  });

  it("lists the configured models for an unknown model (422)", async () => {
    const response = await quire.run<ErrorBody>("greet/hello", {
      variables: { name: "Ann" },
      model: "nowhere/model",
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain('Unknown language model "nowhere/model"');
    expect(response.body.error.message).toContain("the request's model");
    expect(response.body.error.details.configured).toContain("local/echo");
  });

  it("asks for a model when neither the request nor the version names one (422)", async () => {
    await quire.createPrompt({ name: "greet/modelless", template: "Hi {{name}}" });
    const response = await quire.run<ErrorBody>("greet/modelless", { variables: { name: "A" } });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/no "model".*configured models: local\/echo/);
  });

  it("refuses unknown request fields and out-of-range parameters (422)", async () => {
    const unknownField = await quire.run<ErrorBody>("greet/hello", { variables: {}, temp: 1 });
    expect(unknownField.status).toBe(422);
    const badParameter = await quire.run<ErrorBody>("greet/hello", {
      variables: { name: "A" },
      params: { temperature: 9 },
    });
    expect(badParameter.status).toBe(422);
    expect(JSON.stringify(badParameter.body.error)).toContain("temperature");
  });

  it("answers 404 for an unknown prompt, also with raw slashes in the path", async () => {
    const response = await quire.request<ErrorBody>("POST", "/v1/prompts/no/such/run", {
      body: {},
    });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain('"no/such"');
  });
});
