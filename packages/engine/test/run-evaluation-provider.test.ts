import { getEventListeners } from "node:events";
/**
 * A full matrix through the real provider client (AI SDK, OpenAI-compatible) against the local
 * test model server: rendering, calls over HTTP, assertions (javascript in the sandbox), errored
 * cells for provider failures, the response cache, and a JSONL store resumed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GenerateRequest } from "@quire/core";
import { createProviderRegistry, MemoryResponseCacheStore, ResponseCache } from "@quire/llm";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cellKeyString,
  type EvalPlan,
  jsonlEvalRunStorage,
  matrixCells,
  runEvaluation,
  runJavaScriptAssertion,
} from "../src/index.js";
import { numberedCases, templatePrompt } from "../src/testing/eval-fixtures.js";

let server: TestModelServer;
let directory: string;

beforeAll(async () => {
  server = await startTestModelServer({
    reply: (request) => {
      if (request.lastUserText.includes("question 3")) {
        return {
          type: "error",
          status: 400,
          message: "This model's maximum context length is 8 tokens",
          code: "context_length_exceeded",
        };
      }
      if (request.lastUserText.includes("question 4") && request.model === "beta") {
        return { type: "error", status: 401, message: "Incorrect API key provided" };
      }
      return undefined;
    },
  });
  directory = await mkdtemp(join(tmpdir(), "quire-eval-provider-"));
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

function planOn(testServer: TestModelServer): EvalPlan {
  const registry = createProviderRegistry(
    {
      providers: [
        {
          name: "local",
          kind: "openai-compatible",
          baseUrl: testServer.baseUrl,
          models: ["alpha", "beta"],
        },
      ],
    },
    {},
  );
  return {
    prompts: [
      templatePrompt("triage:1", "Classify {{question}}"),
      templatePrompt("triage:2", "Sort {{question}}"),
    ],
    models: ["local/alpha", "local/beta"].map((id) => ({
      id,
      model: registry.languageModel(id),
      params: { temperature: 0.7 },
    })),
    cases: numberedCases(6).map((testCase, index) => ({
      ...testCase,
      assertions: index === 5 ? [{ type: "icontains", value: "nowhere to be found" }] : [],
    })),
    defaultAssertions: [
      { type: "icontains", value: "ECHO" },
      {
        type: "javascript",
        value: "output.startsWith('echo: ') && context.vars.question.length > 0",
      },
    ],
  };
}

describe("runEvaluation against the OpenAI-compatible test server", () => {
  it("gives every cell's call a signal of its own, so listeners do not pile up on the run's", async () => {
    const plan = planOn(server);
    const signals: AbortSignal[] = [];
    const recording = plan.models.map((entry) => ({
      ...entry,
      model: {
        modelId: entry.model.modelId,
        generate: (request: GenerateRequest) => {
          if (request.abortSignal !== undefined) signals.push(request.abortSignal);
          return entry.model.generate(request);
        },
      },
    }));
    const caller = new AbortController();
    const outcome = await runEvaluation({
      plan: { ...plan, models: recording },
      concurrency: 4,
      signal: caller.signal,
    });
    expect(outcome.results).toHaveLength(24);
    expect(new Set(signals).size).toBe(24);
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });

  it("runs the whole matrix, marks provider failures errored, and serves a second run from the cache", async () => {
    const plan = planOn(server);
    server.reset();
    const cache = new ResponseCache({ store: new MemoryResponseCacheStore() });
    const storagePath = join(directory, "first.jsonl");
    const first = await runEvaluation({
      plan,
      cache,
      storage: jsonlEvalRunStorage(storagePath),
      services: { runJavaScript: runJavaScriptAssertion },
      concurrency: 3,
    });
    expect(first.status).toBe("completed");
    expect(first.results.map(cellKeyString)).toEqual(matrixCells(plan).map(cellKeyString));
    expect(server.requests).toHaveLength(24);
    const byCase = (caseId: string, modelId: string) =>
      first.results.filter((result) => result.caseId === caseId && result.modelId === modelId);
    for (const result of byCase("case-0", "local/alpha")) {
      expect(result).toMatchObject({ status: "passed", score: 1, cacheHit: false });
      expect(result.output).toMatch(/^echo: (Classify|Sort) question 0$/);
      expect(result.inputTokens).toBeGreaterThan(0);
      expect(result.outputTokens).toBe(result.output.split(/\s+/).length);
      expect(result.assertions.map((assertion) => [assertion.type, assertion.pass])).toEqual([
        ["icontains", true],
        ["javascript", true],
      ]);
    }
    expect(byCase("case-3", "local/alpha").map((result) => result.error?.class)).toEqual([
      "context-too-long",
      "context-too-long",
    ]);
    expect(byCase("case-4", "local/beta").map((result) => result.error?.class)).toEqual([
      "auth",
      "auth",
    ]);
    expect(byCase("case-4", "local/alpha").map((result) => result.status)).toEqual([
      "passed",
      "passed",
    ]);
    const failed = byCase("case-5", "local/beta")[0];
    expect(failed?.status).toBe("failed");
    expect(failed?.score).toBeCloseTo(2 / 3, 10);
    const summary = first.summaries.find(
      (entry) => entry.promptId === "triage:1" && entry.modelId === "local/beta",
    );
    expect(summary).toMatchObject({ cells: 6, passed: 3, failed: 1, errored: 2 });

    // Same run again: every answered cell comes from the cache; only errored calls are repeated.
    server.reset();
    const second = await runEvaluation({
      plan,
      cache,
      services: { runJavaScript: runJavaScriptAssertion },
    });
    expect(server.requests).toHaveLength(6);
    const answered = second.results.filter((result) => result.status !== "errored");
    expect(answered).toHaveLength(18);
    expect(answered.every((result) => result.cacheHit)).toBe(true);
    expect(second.results.map((result) => result.output)).toEqual(
      first.results.map((result) => result.output),
    );

    // Resuming the finished JSONL run calls nothing.
    server.reset();
    const resumed = await runEvaluation({ plan, storage: jsonlEvalRunStorage(storagePath) });
    expect(server.requests).toHaveLength(0);
    expect(resumed.results).toEqual(first.results);
  });

  it("cancels a run halfway and aborts the HTTP calls in flight", async () => {
    const slow = await startTestModelServer({
      reply: (request) => ({ type: "text", text: `slow ${request.lastUserText}`, latencyMs: 40 }),
    });
    try {
      const plan = planOn(slow);
      const controller = new AbortController();
      const outcome = await runEvaluation({
        plan: { ...plan, defaultAssertions: [], cases: numberedCases(3) },
        concurrency: 2,
        signal: controller.signal,
        onProgress: (event) => {
          if (event.done === 4) controller.abort();
        },
      });
      expect(outcome.status).toBe("cancelled");
      expect(outcome.results).toHaveLength(4);
      expect(slow.requests.length).toBeLessThanOrEqual(6);
      await expect.poll(() => slow.openResponses).toBe(0);
    } finally {
      await slow.close();
    }
  });
});
