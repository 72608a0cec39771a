import { modelError } from "@quire/core";
import { costOfUsage, MemoryResponseCacheStore, ResponseCache } from "@quire/llm";
import { describe, expect, it } from "vitest";
import { countingModel, numberedCases, templatePrompt } from "../testing/eval-fixtures.js";
import type { CellResult } from "./cell-result.js";
import { cellKeyString, type EvalPlan } from "./eval-plan.js";
import { memoryEvalRunStorage } from "./eval-run-storage.js";
import { matrixCells } from "./matrix-cells.js";
import { type EvalProgress, runEvaluation } from "./run-evaluation.js";

function planOf(options: { cases?: number; repeat?: number; latencyMs?: number } = {}) {
  const models = [
    countingModel("test/alpha", { latencyMs: options.latencyMs ?? 0 }),
    countingModel("test/beta", { latencyMs: options.latencyMs ?? 0 }),
  ];
  const plan: EvalPlan = {
    prompts: [
      templatePrompt("greet:1", "Hi: {{question}}"),
      templatePrompt("greet:2", "Hello: {{question}}"),
    ],
    models: models.map((model) => ({ id: model.modelId, model })),
    cases: numberedCases(options.cases ?? 3),
    ...(options.repeat === undefined ? {} : { repeat: options.repeat }),
  };
  return { plan, models, calls: () => models.reduce((sum, model) => sum + model.calls.length, 0) };
}

const keysOf = (results: readonly CellResult[]) => results.map(cellKeyString);

describe("runEvaluation", () => {
  it("runs every cell once, in matrix order, passing cells without assertions", async () => {
    const { plan, calls } = planOf({ cases: 3 });
    const outcome = await runEvaluation({ plan });
    expect(outcome.status).toBe("completed");
    expect(calls()).toBe(12);
    expect(keysOf(outcome.results)).toEqual(matrixCells(plan).map(cellKeyString));
    expect(outcome.results[0]).toMatchObject({
      promptId: "greet:1",
      modelId: "test/alpha",
      caseId: "case-0",
      repeatIndex: 0,
      status: "passed",
      score: 1,
      output: "answer to Hi: question 0",
      inputTokens: 10,
      outputTokens: 5,
      cacheHit: false,
    });
    expect(
      outcome.summaries.map((summary) => [summary.promptId, summary.modelId, summary.cells]),
    ).toEqual([
      ["greet:1", "test/alpha", 3],
      ["greet:1", "test/beta", 3],
      ["greet:2", "test/alpha", 3],
      ["greet:2", "test/beta", 3],
    ]);
  });

  it("checks a case that has an expected output and no assertions for equality with it", async () => {
    const { plan } = planOf({ cases: 2 });
    plan.cases = plan.cases.map((testCase, index) => ({
      ...testCase,
      expected: index === 0 ? "answer to Hi: question 0" : "something else",
    }));
    const outcome = await runEvaluation({ plan: { ...plan, prompts: [plan.prompts[0]!] } });
    const alpha = outcome.results.filter((result) => result.modelId === "test/alpha");
    expect(alpha.map((result) => [result.caseId, result.status])).toEqual([
      ["case-0", "passed"],
      ["case-1", "failed"],
    ]);
    expect(alpha[1]?.assertions.map((assertion) => assertion.type)).toEqual(["equals"]);
  });

  it("prices cells from the model table and leaves unpriced models null", async () => {
    const priced = countingModel("openai/gpt-4o-mini");
    const unpriced = countingModel("local/unknown-model");
    const outcome = await runEvaluation({
      plan: {
        prompts: [templatePrompt("p", "{{question}}")],
        models: [
          { id: "priced", model: priced },
          { id: "unpriced", model: unpriced },
        ],
        cases: numberedCases(2),
      },
    });
    const each = costOfUsage({ inputTokens: 10, outputTokens: 5 }, "openai/gpt-4o-mini")?.usd;
    expect(each).toBeGreaterThan(0);
    expect(outcome.results.map((result) => result.costUsd)).toEqual([each, each, null, null]);
    expect(outcome.summaries[0]?.costUsd).toBeCloseTo(2 * (each ?? 0), 15);
    expect(outcome.summaries[1]?.costUsd).toBeNull();
  });

  it("keeps at most `concurrency` model calls in flight", async () => {
    const model = countingModel("test/slow", { latencyMs: 5 });
    const plan: EvalPlan = {
      prompts: [templatePrompt("p", "{{question}}")],
      models: [{ id: "slow", model }],
      cases: numberedCases(30),
    };
    await runEvaluation({ plan, concurrency: 3 });
    expect(model.calls).toHaveLength(30);
    expect(model.maxInFlight).toBe(3);
    const defaults = countingModel("test/slow", { latencyMs: 5 });
    await runEvaluation({ plan: { ...plan, models: [{ id: "slow", model: defaults }] } });
    expect(defaults.maxInFlight).toBe(4);
  });

  it("merges parameters prompt < model < run and passes the abort signal", async () => {
    const model = countingModel("test/params");
    const prompt = templatePrompt("p", "{{question}}");
    const render = prompt.render.bind(prompt);
    prompt.render = async (variables) => ({
      ...(await render(variables)),
      params: { temperature: 0.1, maxOutputTokens: 100, topP: 0.5 },
    });
    await runEvaluation({
      plan: {
        prompts: [prompt],
        models: [{ id: "m", model, params: { temperature: 0.7, seed: 3 } }],
        cases: numberedCases(1),
      },
      params: { maxOutputTokens: 20 },
    });
    const request = model.calls[0];
    expect(request).toMatchObject({ temperature: 0.7, maxOutputTokens: 20, topP: 0.5, seed: 3 });
    expect(request?.abortSignal).toBeInstanceOf(AbortSignal);
  });

  it("marks render failures and provider failures errored and completes the run", async () => {
    const flaky = countingModel("test/flaky", {
      failWith: (request) =>
        JSON.stringify(request.messages).includes("question 1")
          ? modelError("rate-limit", "slow down", { modelId: "test/flaky" })
          : JSON.stringify(request.messages).includes("question 2")
            ? new Error("socket hang up")
            : undefined,
    });
    const cases = [...numberedCases(3), { id: "no-question", variables: {} }];
    const outcome = await runEvaluation({
      plan: {
        prompts: [templatePrompt("p", "Q: {{question}}")],
        models: [{ id: "flaky", model: flaky }],
        cases,
      },
    });
    expect(outcome.status).toBe("completed");
    expect(
      outcome.results.map((result) => [result.caseId, result.status, result.error?.class]),
    ).toEqual([
      ["case-0", "passed", undefined],
      ["case-1", "errored", "rate-limit"],
      ["case-2", "errored", "provider-error"],
      ["no-question", "errored", "render"],
    ]);
    expect(outcome.results[3]?.error?.message).toMatch(/variable question is missing/);
    expect(flaky.calls).toHaveLength(3);
    expect(outcome.summaries[0]).toMatchObject({ passed: 1, failed: 0, errored: 3 });
  });

  it("runs each repeat as its own call, cached apart from repeat 0", async () => {
    const { plan, calls } = planOf({ cases: 2, repeat: 3 });
    const cache = new ResponseCache({ store: new MemoryResponseCacheStore() });
    const first = await runEvaluation({ plan, cache, params: { temperature: 1 } });
    expect(calls()).toBe(24);
    expect(first.results.map((result) => result.repeatIndex).slice(0, 3)).toEqual([0, 1, 2]);
    expect(first.results.every((result) => !result.cacheHit)).toBe(true);
    const second = await runEvaluation({ plan, cache, params: { temperature: 1 } });
    expect(calls()).toBe(24);
    expect(second.results.every((result) => result.cacheHit)).toBe(true);
    expect(second.results.map((result) => result.output)).toEqual(
      first.results.map((result) => result.output),
    );
    expect(cache.statisticsFor("greet:1").hits).toBe(12);
  });

  it("reports progress after each cell, starting with the resumed count", async () => {
    const { plan } = planOf({ cases: 2 });
    const storage = memoryEvalRunStorage();
    await runEvaluation({ plan: { ...plan, prompts: plan.prompts.slice(0, 1) }, storage });
    const events: EvalProgress[] = [];
    await runEvaluation({ plan, storage, onProgress: (event) => events.push(event) });
    expect(events[0]).toEqual({ total: 8, done: 4, passed: 4, failed: 0, errored: 0 });
    expect(events.slice(1).map((event) => event.done)).toEqual([5, 6, 7, 8]);
    expect(events.slice(1).every((event) => event.cell?.promptId === "greet:2")).toBe(true);
  });

  it("fails the run with a clear error when saving fails, and stops calling the model", async () => {
    const { plan, calls } = planOf({ cases: 50, latencyMs: 1 });
    let saves = 0;
    const storage = {
      finishedCells: async () => [],
      save: async () => {
        saves += 1;
        if (saves === 2) throw new Error("disk full");
      },
    };
    await expect(runEvaluation({ plan, storage, saveBatchSize: 10 })).rejects.toThrow(
      /saving eval results failed \(disk full\)/,
    );
    expect(calls()).toBeLessThan(200);
  });

  it("fails with the error of a throwing progress callback after saving what finished", async () => {
    const { plan } = planOf({ cases: 10 });
    const storage = memoryEvalRunStorage();
    await expect(
      runEvaluation({
        plan,
        storage,
        onProgress: (event) => {
          if (event.done === 5) throw new Error("progress bar broke");
        },
      }),
    ).rejects.toThrow("progress bar broke");
    expect(storage.results.length).toBeGreaterThanOrEqual(5);
    expect(new Set(keysOf(storage.results)).size).toBe(storage.results.length);
  });

  it("never saves concurrently with itself", async () => {
    const { plan } = planOf({ cases: 40 });
    let saving = 0;
    let overlapped = false;
    const saved: CellResult[] = [];
    const storage = {
      finishedCells: async () => [],
      save: async (batch: readonly CellResult[]) => {
        saving += 1;
        overlapped ||= saving > 1;
        await new Promise((resolve) => setTimeout(resolve, 3));
        saved.push(...batch);
        saving -= 1;
      },
    };
    await runEvaluation({ plan, storage, saveBatchSize: 5, concurrency: 8 });
    expect(overlapped).toBe(false);
    expect(saved).toHaveLength(160);
  });

  it("refuses duplicate ids and a bad concurrency", async () => {
    const { plan } = planOf();
    await expect(
      runEvaluation({ plan: { ...plan, cases: [...plan.cases, { id: "case-0", variables: {} }] } }),
    ).rejects.toThrow(/cases\[3\] repeats the case id "case-0"/);
    await expect(runEvaluation({ plan, concurrency: 0 })).rejects.toThrow(/concurrency must be/);
    await expect(runEvaluation({ plan: { ...plan, repeat: 1.5 } })).rejects.toThrow(
      /repeat must be/,
    );
  });
});
