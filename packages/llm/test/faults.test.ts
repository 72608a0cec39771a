import { createServer } from "node:net";
import {
  type GenerateRequest,
  isQuireError,
  type LanguageModel,
  modelErrorClassOf,
  type QuireError,
} from "@quire/core";
import {
  CircuitBreakers,
  createProviderRegistry,
  type ProviderConfig,
  withCircuitBreaker,
  withFallback,
  withResilience,
  withRetries,
  withTimeout,
} from "@quire/llm";
import {
  createFakeClock,
  rateLimitedReply,
  startTestModelServer,
  type TestModelServer,
} from "@quire/llm/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";

/** Faults a provider can show, over real HTTP with the real AI SDK clients. */
let server: TestModelServer;
beforeAll(async () => {
  server = await startTestModelServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.script(undefined);
  server.reset();
});

const key = "sk-fault-secret-9876";
const question: GenerateRequest = {
  messages: [{ role: "user", content: [{ type: "text", text: "Hello?" }] }],
};

function model(kind: ProviderConfig["kind"] = "openai", baseUrl = server.baseUrl): LanguageModel {
  const name = kind === "anthropic" ? "an" : "oa";
  const modelName = kind === "anthropic" ? "claude-sonnet-4" : "gpt-4o-mini";
  return createProviderRegistry(
    { providers: [{ name, kind, baseUrl, models: [modelName], apiKeyEnv: "FAULT_KEY" }] },
    { FAULT_KEY: key },
  ).languageModel(`${name}/${modelName}`);
}

async function failure(run: () => Promise<unknown>): Promise<QuireError> {
  try {
    await run();
  } catch (error) {
    if (isQuireError(error)) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

async function drain(languageModel: LanguageModel, request = question): Promise<string[]> {
  const deltas: string[] = [];
  for await (const part of languageModel.stream!(request))
    if (part.type === "text-delta") deltas.push(part.text);
  return deltas;
}

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe.each(["openai", "anthropic"] as const)("%s client", (kind) => {
  test("provider down (connection refused): unavailable, retryable, names the URL", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const error = await failure(() => model(kind, baseUrl).generate(question));
    expect(modelErrorClassOf(error)).toBe("unavailable");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(baseUrl);
    expect(modelErrorClassOf(await failure(() => drain(model(kind, baseUrl))))).toBe("unavailable");
  });

  test("401: auth, names the key's variable, never the key, and is not retried", async () => {
    server.script(() => ({
      type: "error",
      status: 401,
      message: `Incorrect API key provided: ${key}`,
    }));
    const clock = createFakeClock({ autoAdvance: true });
    const error = await failure(() => withRetries(model(kind), { clock }).generate(question));
    expect(modelErrorClassOf(error)).toBe("auth");
    expect(error.message).toContain("FAULT_KEY");
    expect(error.message).not.toContain(key);
    expect(JSON.stringify(error.toJSON())).not.toContain(key);
    expect(error.details).toMatchObject({ status: 401, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  test("429 with Retry-After: waited for, then answered", async () => {
    server.script((request) => (request.index === 0 ? rateLimitedReply(3) : undefined));
    const clock = createFakeClock({ autoAdvance: true });
    const result = await withRetries(model(kind), { clock, random: () => 0 }).generate(question);
    expect(result.text).toBe("echo: Hello?");
    expect(clock.sleeps).toEqual([3_000]);
    expect(server.requests).toHaveLength(2);
  });

  test("malformed JSON: malformed-response, generating or streaming, not retried", async () => {
    server.script(() => ({ type: "malformed" }));
    const clock = createFakeClock({ autoAdvance: true });
    const generated = await failure(() => withRetries(model(kind), { clock }).generate(question));
    expect(modelErrorClassOf(generated)).toBe("malformed-response");
    expect(generated.retryable).toBe(false);
    expect(modelErrorClassOf(await failure(() => drain(model(kind))))).toBe("malformed-response");
    expect(server.requests).toHaveLength(2);
  });

  test("stream cut mid-way: the parts sent arrive, then an unavailable error", async () => {
    server.script(() => ({ type: "cut", afterChunks: 4 }));
    const deltas: string[] = [];
    const error = await failure(async () => {
      for await (const part of model(kind).stream!(question))
        if (part.type === "text-delta") deltas.push(part.text);
    });
    expect(modelErrorClassOf(error)).toBe("unavailable");
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join("")).toMatch(/^(word )+$/);
    // A body cut mid-way without streaming is a failure too, never a partial answer.
    expect(["unavailable", "malformed-response"]).toContain(
      modelErrorClassOf(await failure(() => model(kind).generate(question))),
    );
  });

  test("5xx is retried; other 4xx are not", async () => {
    server.script((request) => (request.index === 0 ? { type: "error", status: 500 } : undefined));
    const clock = createFakeClock({ autoAdvance: true });
    expect((await withRetries(model(kind), { clock }).generate(question)).text).toBe(
      "echo: Hello?",
    );
    server.reset();
    server.script(() => ({ type: "error", status: 400, message: "bad parameter" }));
    const error = await failure(() => withRetries(model(kind), { clock }).generate(question));
    expect(modelErrorClassOf(error)).toBe("provider-error");
    expect(server.requests).toHaveLength(1);
  });
});

describe("embeddings", () => {
  test("errors are classified, not wrapped by the SDK's retries", async () => {
    const embeddings = createProviderRegistry(
      {
        providers: [
          {
            name: "oa",
            kind: "openai",
            baseUrl: server.baseUrl,
            models: [],
            embeddingModels: ["e"],
            apiKeyEnv: "FAULT_KEY",
          },
        ],
      },
      { FAULT_KEY: key },
    ).embeddingModel("oa/e");
    server.script(() => ({ type: "error", status: 401, message: "bad key" }));
    const auth = await failure(() => embeddings.embed(["a"]));
    expect(modelErrorClassOf(auth)).toBe("auth");
    expect(server.requests).toHaveLength(1);
    server.script(() => ({ type: "malformed" }));
    expect(modelErrorClassOf(await failure(() => embeddings.embed(["a"])))).toBe(
      "malformed-response",
    );
  });
});

describe("resilience over HTTP", () => {
  test("slow provider: the per-attempt timeout closes the request", async () => {
    server.script(() => ({ type: "text", text: "late", latencyMs: 5_000 }));
    const started = performance.now();
    const error = await failure(() => withTimeout(model(), { timeoutMs: 150 }).generate(question));
    expect(modelErrorClassOf(error)).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  test("a consumer that stops reading closes the provider's response", async () => {
    server.script(() => ({ type: "text", text: "word ".repeat(50), chunkDelayMs: 100 }));
    for await (const part of model().stream!(question)) {
      if (part.type === "text-delta") break;
    }
    const deadline = performance.now() + 1_000;
    while (server.openResponses > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(server.openResponses).toBe(0);
  });

  test("a stream that stalls between chunks times out", async () => {
    server.script(() => ({ type: "text", text: "one two three", chunkDelayMs: 2_000 }));
    const error = await failure(() => drain(withTimeout(model(), { timeoutMs: 200 })));
    expect(modelErrorClassOf(error)).toBe("timeout");
  });

  test("context too long and content filter come back classified", async () => {
    server.script(() => ({
      type: "error",
      status: 400,
      code: "context_length_exceeded",
      message: "This model's maximum context length is 8192 tokens.",
    }));
    expect(modelErrorClassOf(await failure(() => model().generate(question)))).toBe(
      "context-too-long",
    );
    server.script(() => ({
      type: "error",
      status: 400,
      code: "content_filter",
      message: "Filtered.",
    }));
    expect(modelErrorClassOf(await failure(() => model().generate(question)))).toBe(
      "content-filtered",
    );
    server.script(() => ({ type: "error", status: 529, message: "Overloaded" }));
    expect(modelErrorClassOf(await failure(() => model("anthropic").generate(question)))).toBe(
      "unavailable",
    );
  });

  test("the circuit opens on a failing provider and stops sending it requests", async () => {
    server.script(() => ({ type: "error", status: 503, message: "down for maintenance" }));
    const clock = createFakeClock();
    const breakers = new CircuitBreakers({ failureThreshold: 3, coolDownMs: 60_000, clock });
    const guarded = withCircuitBreaker(model(), breakers);
    for (let call = 0; call < 5; call += 1) await guarded.generate(question).catch(() => undefined);
    expect(server.requests).toHaveLength(3);
    expect(breakers.states()).toEqual({ oa: "open" });
    server.script(undefined);
    await clock.advance(60_000);
    expect((await guarded.generate(question)).text).toBe("echo: Hello?");
    expect(breakers.states()).toEqual({ oa: "closed" });
  });

  test("fallback from a down provider and a slow one to a working one", async () => {
    const downUrl = `http://127.0.0.1:${await closedPort()}/v1`;
    const registry = createProviderRegistry(
      {
        providers: [
          { name: "down", kind: "openai-compatible", baseUrl: downUrl, models: ["m"] },
          { name: "slow", kind: "openai-compatible", baseUrl: server.baseUrl, models: ["slow"] },
          {
            name: "good",
            kind: "anthropic",
            baseUrl: server.baseUrl,
            models: ["claude-sonnet-4"],
            apiKeyEnv: "K",
          },
        ],
      },
      { K: key },
    );
    server.script((request) =>
      request.model === "slow" ? { type: "text", text: "late", latencyMs: 3_000 } : undefined,
    );
    const chain = withFallback([
      withResilience(registry.languageModel("down/m"), { retry: false }),
      { model: registry.languageModel("slow/slow"), timeoutMs: 150 },
      registry.languageModel("good/claude-sonnet-4"),
    ]);
    const result = await chain.generate(question);
    expect(result.text).toBe("echo: Hello?");
    expect(result.servedBy).toBe("good/claude-sonnet-4");
    expect(result.failures.map((failed) => [failed.modelId, failed.errorClass])).toEqual([
      ["down/m", "unavailable"],
      ["slow/slow", "timeout"],
    ]);
    const streamed: string[] = [];
    let servedBy: unknown;
    for await (const part of chain.stream(question)) {
      if (part.type === "text-delta") streamed.push(part.text);
      else servedBy = (part.result as { servedBy?: string }).servedBy;
    }
    expect(streamed.join("")).toBe("echo: Hello?");
    expect(servedBy).toBe("good/claude-sonnet-4");
  });
});
