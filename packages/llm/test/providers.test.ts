import type { GenerateRequest, GenerateResult, LanguageModel, StreamPart } from "@quire/core";
import {
  costOfResult,
  createProviderRegistry,
  type ProviderKind,
  withStablePrefix,
} from "@quire/llm";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";

/**
 * The three provider kinds, through the real AI SDK clients over real HTTP, against the test
 * model server on a loopback port.
 */
let server: TestModelServer;
beforeAll(async () => {
  server = await startTestModelServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.script(undefined);
  server.reset();
});

function registry() {
  return createProviderRegistry(
    {
      providers: [
        {
          name: "oa",
          kind: "openai",
          baseUrl: server.baseUrl,
          models: ["gpt-4o-mini"],
          embeddingModels: ["text-embedding-3-small"],
        },
        { name: "an", kind: "anthropic", baseUrl: server.baseUrl, models: ["claude-sonnet-4"] },
        {
          name: "local",
          kind: "openai-compatible",
          baseUrl: server.baseUrl,
          models: ["llama3.1:8b"],
          embeddingModels: ["nomic-embed-text"],
          structuredOutputs: true,
        },
      ],
    },
    { OPENAI_API_KEY: "sk-test-openai", ANTHROPIC_API_KEY: "sk-test-anthropic" },
  );
}

const models: [ProviderKind, string][] = [
  ["openai", "oa/gpt-4o-mini"],
  ["anthropic", "an/claude-sonnet-4"],
  ["openai-compatible", "local/llama3.1:8b"],
];

const question: GenerateRequest = {
  messages: [
    { role: "system", content: [{ type: "text", text: "Answer briefly." }] },
    { role: "user", content: [{ type: "text", text: "How are you today?" }] },
  ],
};

async function collect(model: LanguageModel, request: GenerateRequest) {
  const parts: StreamPart[] = [];
  for await (const part of model.stream!(request)) parts.push(part);
  const finish = parts.at(-1);
  if (finish?.type !== "finish") throw new Error("no finish part");
  return {
    deltas: parts.filter((part) => part.type === "text-delta").map((part) => part.text),
    result: finish.result,
  };
}

describe.each(models)("%s provider", (kind, modelId) => {
  test("generates text with usage, cached input tokens included", async () => {
    server.script(() => ({ type: "text", text: "Fine, thanks.", usage: { cachedTokens: 2 } }));
    const result = await registry().languageModel(modelId).generate(question);
    expect(result).toEqual({
      text: "Fine, thanks.",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 6, outputTokens: 2, cachedInputTokens: 2 },
      modelId,
    } satisfies GenerateResult);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.endpoint).toBe(kind === "anthropic" ? "messages" : "chat");
  });

  test("streams the same answer in chunks, with usage in the finish part", async () => {
    server.script(() => ({
      type: "text",
      text: "Fine, thanks for asking.",
      usage: { cachedTokens: 1 },
    }));
    const { deltas, result } = await collect(registry().languageModel(modelId), question);
    expect(deltas).toEqual(["Fine, ", "thanks ", "for ", "asking."]);
    expect(result).toMatchObject({
      text: "Fine, thanks for asking.",
      finishReason: "stop",
      usage: { inputTokens: 6, outputTokens: 4, cachedInputTokens: 1 },
      modelId,
    });
    if (kind !== "anthropic") {
      expect(server.requests[0]?.body).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
      });
    }
  });

  test("returns tool calls with parsed arguments, in both modes", async () => {
    server.script(() => ({
      type: "text",
      text: "",
      toolCalls: [{ id: "call_9", name: "weather", arguments: { city: "Oslo", days: 2 } }],
    }));
    const request: GenerateRequest = {
      ...question,
      tools: [
        {
          name: "weather",
          description: "Forecast.",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
      toolChoice: "required",
    };
    const model = registry().languageModel(modelId);
    const expected = [{ id: "call_9", name: "weather", arguments: { city: "Oslo", days: 2 } }];
    const generated = await model.generate(request);
    expect(generated.toolCalls).toEqual(expected);
    expect(generated.finishReason).toBe("tool-calls");
    expect((await collect(model, request)).result.toolCalls).toEqual(expected);
    const body = JSON.stringify(server.requests[0]?.body);
    expect(body).toContain('"weather"');
    expect(body).toContain("Forecast.");
  });

  test("accepts a whole conversation: tool calls, tool results and an image", async () => {
    const conversation: GenerateRequest = {
      messages: [
        { role: "system", content: [{ type: "text", text: "Use tools." }] },
        {
          role: "user",
          content: [
            { type: "text", text: "Weather where this photo is?" },
            { type: "image", url: "data:image/png;base64,iVBORw0KGgo=" },
          ],
        },
        {
          role: "assistant",
          content: [{ type: "text", text: "Checking." }],
          toolCalls: [{ id: "call_1", name: "weather", arguments: { city: "Oslo" } }],
        },
        { role: "tool", toolCallId: "call_1", content: [{ type: "text", text: "sunny, 21 C" }] },
      ],
      tools: [
        {
          name: "weather",
          parameters: { type: "object", properties: { city: { type: "string" } } },
        },
      ],
    };
    server.script(() => ({ type: "text", text: "It is sunny in Oslo." }));
    const result = await registry().languageModel(modelId).generate(conversation);
    expect(result.text).toBe("It is sunny in Oslo.");
    const body = JSON.stringify(server.requests[0]?.body);
    expect(body).toContain("sunny, 21 C");
    expect(body).toContain("call_1");
    expect(body).toContain("iVBORw0KGgo=");
  });

  test("sends the key the way the provider expects it", async () => {
    await registry().languageModel(modelId).generate(question);
    const headers = server.requests[0]?.headers ?? {};
    if (kind === "openai") expect(headers.authorization).toBe("Bearer sk-test-openai");
    if (kind === "anthropic") expect(headers["x-api-key"]).toBe("sk-test-anthropic");
    if (kind === "openai-compatible") expect(headers.authorization).toBeUndefined();
  });
});

describe("provider details", () => {
  test("a JSON schema response format reaches OpenAI-shaped servers", async () => {
    const schema = {
      type: "object",
      properties: { answer: { type: "string" } },
      required: ["answer"],
    };
    server.script(() => ({ type: "text", text: '{"answer":"fine"}' }));
    const result = await registry()
      .languageModel("local/llama3.1:8b")
      .generate({ ...question, responseFormat: { type: "json", schema, name: "reply" } });
    expect(JSON.parse(result.text)).toEqual({ answer: "fine" });
    expect(server.requests[0]?.body).toMatchObject({
      response_format: { type: "json_schema", json_schema: { name: "reply", schema } },
    });
  });

  test("OpenAI returns log-probabilities when asked, streaming or not", async () => {
    server.script(() => ({ type: "text", text: "yes indeed" }));
    const model = registry().languageModel("oa/gpt-4o-mini");
    const expected = [
      { token: "yes ", logprob: -0.1 },
      { token: "indeed", logprob: -0.2 },
    ];
    expect((await model.generate({ ...question, logprobs: true })).logprobs).toEqual(expected);
    expect((await collect(model, { ...question, logprobs: true })).result.logprobs).toEqual(
      expected,
    );
    expect((await model.generate(question)).logprobs).toBeUndefined();
  });

  test("a stable prefix becomes Anthropic's cache_control on its last message", async () => {
    await registry().languageModel("an/claude-sonnet-4").generate(withStablePrefix(question, 1));
    const body = server.requests[0]?.body as { system: unknown; providerOptions?: unknown };
    expect(body.system).toEqual([
      { type: "text", text: "Answer briefly.", cache_control: { type: "ephemeral" } },
    ]);
    expect(JSON.stringify(body)).not.toContain("stablePrefixMessages");
  });

  test("no reported usage: usage is absent and the cost is estimated", async () => {
    server.script(() => ({ type: "text", text: "Fine.", usage: null }));
    const model = registry().languageModel("oa/gpt-4o-mini");
    const result = await model.generate(question);
    expect(result.usage).toBeUndefined();
    const cost = await costOfResult(question.messages, result);
    expect(cost.usageEstimated).toBe(true);
    expect(cost.cost?.estimated).toBe(true);
    expect(cost.usage.outputTokens).toBeGreaterThan(0);
    const streamed = await collect(model, question);
    expect(streamed.result.usage).toBeUndefined();
  });

  test("embeddings come back in order, deterministic, over HTTP", async () => {
    const registered = registry();
    for (const id of ["oa/text-embedding-3-small", "local/nomic-embed-text"]) {
      const vectors = await registered
        .embeddingModel(id)
        .embed(["red apple", "green pear", "red apple"]);
      expect(vectors).toHaveLength(3);
      expect(vectors[0]).toHaveLength(64);
      expect(vectors[0]).toEqual(vectors[2]);
      expect(vectors[0]).not.toEqual(vectors[1]);
    }
    expect(await registered.embeddingModel("local/nomic-embed-text").embed([])).toEqual([]);
    expect(server.requests.map((request) => request.endpoint)).toEqual([
      "embeddings",
      "embeddings",
    ]);
  });
});
