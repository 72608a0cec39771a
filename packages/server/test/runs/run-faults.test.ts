import type { Execution, RunResponse } from "@quire/core";
import { rateLimitedReply, type TestReplyScript } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunTestServer, startRunTestServer } from "./run-test-server.js";

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** Requests the test model server received per model since the last reset. */
function callsTo(quire: RunTestServer, model: string): number {
  return quire.models.requests.filter((request) => request.model === model).length;
}

let quire: RunTestServer;
/** 429s the `flaky` model still has to give before it answers. */
let rateLimitsLeft = 0;

const script: TestReplyScript = (request) => {
  switch (request.model) {
    case "flaky":
      if (rateLimitsLeft > 0) {
        rateLimitsLeft -= 1;
        return rateLimitedReply(1);
      }
      return { type: "error", status: 500, message: "The server had an error." };
    case "broken":
      return { type: "malformed" };
    default:
      return undefined;
  }
};

async function executionOf(id: unknown): Promise<Execution> {
  await quire.server.executionLog.flush();
  const response = await quire.request<Execution>("GET", `/v1/executions/${String(id)}`);
  expect(response.status).toBe(200);
  return response.body;
}

beforeAll(async () => {
  // "down" fails 3 times in the config fallback test and 3 times (a call, two retries) in the
  // provider-down test: its circuit opens then.
  quire = await startRunTestServer({
    script,
    server: { runs: { circuitBreaker: { failureThreshold: 6, coolDownMs: 60_000 } } },
  });
  await quire.createPrompt({
    name: "faults/ask",
    template: "Tell me about {{topic}}.",
    config: { model: "local/flaky", temperature: 0 },
  });
}, 60_000);

afterAll(() => quire?.close());

describe("provider faults", () => {
  it("falls back from a failing model once its retries are spent, saying what failed", async () => {
    quire.models.reset();
    const response = await quire.run<RunResponse>("faults/ask", {
      variables: { topic: "owls" },
      fallback: ["local/echo"],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      model: "local/flaky",
      servedBy: "local/echo",
      output: "echo: Tell me about owls.",
      failures: [{ modelId: "local/flaky", errorClass: "provider-error", status: 500 }],
    });
    expect(callsTo(quire, "flaky")).toBe(3); // one call and two retries
    const record = await executionOf(response.body.executionId);
    expect(record).toMatchObject({
      model: "local/echo",
      success: true,
      metadata: {
        quire: {
          failures: [{ modelId: "local/flaky", errorClass: "provider-error", status: 500 }],
        },
      },
    });
  });

  it("takes the fallback chain from the version's config, with a timeout per model", async () => {
    await quire.createPrompt({
      name: "faults/configured",
      template: "Hello {{who}}",
      config: {
        model: "local/flaky",
        temperature: 0,
        fallback: [{ model: "down/any", timeoutMs: 5_000 }, "local/backup"],
      },
    });
    const response = await quire.run<RunResponse>("faults/configured", {
      variables: { who: "you" },
    });
    expect(response.status).toBe(200);
    expect(response.body.servedBy).toBe("local/backup");
    expect(response.body.failures.map((failure) => failure.errorClass)).toEqual([
      "provider-error",
      "unavailable",
    ]);
  });

  it("retries a 429, waiting as long as Retry-After says", async () => {
    quire.models.reset();
    rateLimitsLeft = 1;
    quire.models.script((request) => {
      if (request.model !== "backup" || rateLimitsLeft === 0) return script(request);
      rateLimitsLeft -= 1;
      return rateLimitedReply(1);
    });
    try {
      const started = performance.now();
      const response = await quire.run<RunResponse>("faults/ask", {
        variables: { topic: "rate limits" },
        model: "local/backup",
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ servedBy: "local/backup", failures: [] });
      expect(callsTo(quire, "backup")).toBe(2);
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
    } finally {
      quire.models.script(script);
    }
  });

  it("answers 502 with the class and Retry-After when the rate limit outlasts the retries", async () => {
    rateLimitsLeft = 10;
    const response = await quire.run<ErrorBody>("faults/ask", { variables: { topic: "x" } });
    rateLimitsLeft = 0;
    expect(response.status).toBe(502);
    expect(response.body.error).toMatchObject({
      code: "PROVIDER_ERROR",
      details: { errorClass: "rate-limit", modelId: "local/flaky", retryAfterSeconds: 1 },
    });
    expect(response.headers.get("retry-after")).toBe("1");
    const record = await executionOf(response.body.error.details.executionId);
    expect(record).toMatchObject({
      success: false,
      errorClass: "rate-limit",
      model: "local/flaky",
    });
  }, 10_000);

  it("answers 502 unavailable when the provider is down, and logs the failure", async () => {
    const response = await quire.run<ErrorBody>("faults/ask", {
      variables: { topic: "x" },
      model: "down/any",
    });
    expect(response.status).toBe(502);
    expect(response.body.error.details).toMatchObject({
      errorClass: "unavailable",
      modelId: "down/any",
    });
    expect(response.body.error.message).toMatch(/127\.0\.0\.1:9|refused|connect/i);
    const record = await executionOf(response.body.error.details.executionId);
    expect(record).toMatchObject({
      promptName: "faults/ask",
      success: false,
      errorClass: "unavailable",
      provider: "down",
      inputTokens: null,
      cost: null,
    });
  });

  it("stops calling a provider whose circuit opened, failing at once", async () => {
    const started = performance.now();
    const response = await quire.run<ErrorBody>("faults/ask", {
      variables: { topic: "x" },
      model: "down/any",
    });
    expect(response.status).toBe(502);
    expect(response.body.error.details).toMatchObject({ errorClass: "unavailable" });
    expect(response.body.error.message).toMatch(/provider "down" failed 6 times in a row/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("answers 502 malformed-response for malformed JSON, without retrying it", async () => {
    quire.models.reset();
    const response = await quire.run<ErrorBody>("faults/ask", {
      variables: { topic: "x" },
      model: "local/broken",
    });
    expect(response.status).toBe(502);
    expect(response.body.error.details.errorClass).toBe("malformed-response");
    expect(callsTo(quire, "broken")).toBe(1);
  });

  it("lists every failure when the whole chain fails", async () => {
    const response = await quire.run<ErrorBody>("faults/ask", {
      variables: { topic: "x" },
      fallback: ["local/broken"],
    });
    expect(response.status).toBe(502);
    expect(response.body.error.message).toMatch(/^Every model of the fallback chain failed/);
    const failures = response.body.error.details.failures as { modelId: string }[];
    expect(failures.map((failure) => failure.modelId)).toEqual(["local/flaky", "local/broken"]);
  });
});

describe("misconfigured providers", () => {
  it("names the unset key variable of a provider (500 CONFIG_INVALID), calling nothing", async () => {
    const keyed = await startRunTestServer({
      server: {
        providers: [
          {
            name: "keyed",
            kind: "openai",
            baseUrl: "http://127.0.0.1:9/v1",
            models: ["gpt-4o-mini"],
            apiKeyEnv: "QUIRE_TEST_KEY_THAT_IS_NEVER_SET",
          },
        ],
      },
    });
    try {
      await keyed.createPrompt({
        name: "keyed/p",
        template: "Hi",
        config: { model: "gpt-4o-mini" },
      });
      const response = await keyed.run<ErrorBody>("keyed/p", {});
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe("CONFIG_INVALID");
      expect(response.body.error.message).toContain("QUIRE_TEST_KEY_THAT_IS_NEVER_SET");
    } finally {
      await keyed.close();
    }
  });

  it("says how to add [[providers]] to quire.toml when there are none (422)", async () => {
    const bare = await startRunTestServer({ server: { providers: [] } });
    try {
      await bare.createPrompt({ name: "bare/p", template: "Hi", config: { model: "gpt-4o-mini" } });
      const response = await bare.run<ErrorBody>("bare/p", {});
      expect(response.status).toBe(422);
      expect(response.body.error.message).toMatch(/no model providers configured/);
      expect(response.body.error.message).toContain("[[providers]]");
      expect(response.body.error.message).toContain("quire.toml");
    } finally {
      await bare.close();
    }
  });
});
