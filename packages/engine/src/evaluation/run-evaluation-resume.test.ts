import { modelError } from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countingModel, numberedCases, templatePrompt } from "../testing/eval-fixtures.js";
import type { CellResult } from "./cell-result.js";
import { cellKeyString, type EvalPlan } from "./eval-plan.js";
import { memoryEvalRunStorage } from "./eval-run-storage.js";
import { matrixCells } from "./matrix-cells.js";
import { runEvaluation } from "./run-evaluation.js";

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

describe("runEvaluation: cancel and resume", () => {
  it("cancels halfway: stops starting cells, aborts calls in flight, keeps what finished", async () => {
    const { plan, models, calls } = planOf({ cases: 20, latencyMs: 10 });
    const controller = new AbortController();
    const storage = memoryEvalRunStorage();
    const outcome = await runEvaluation({
      plan,
      storage,
      concurrency: 4,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.done === 40) controller.abort();
      },
    });
    expect(outcome.status).toBe("cancelled");
    expect(outcome.results).toHaveLength(40);
    expect(storage.results).toHaveLength(40);
    expect(calls()).toBeLessThanOrEqual(44);
    expect(models.reduce((sum, model) => sum + model.aborted, 0)).toBeGreaterThanOrEqual(1);
    expect(outcome.results.every((result) => result.status === "passed")).toBe(true);
  });

  it("resumes after a crash without redoing a finished cell", async () => {
    const { plan, calls } = planOf({ cases: 25, latencyMs: 2 });
    const storage = memoryEvalRunStorage();
    const controller = new AbortController();
    const crashed = await runEvaluation({
      plan,
      storage,
      signal: controller.signal,
      saveBatchSize: 7,
      onProgress: (event) => {
        if (event.done === 33) controller.abort(new Error("crash"));
      },
    });
    expect(crashed.status).toBe("cancelled");
    const saved = storage.results.length;
    expect(saved).toBe(33);
    const callsBefore = calls();
    const finishedKeys = new Set(keysOf(storage.results));
    const resumed = await runEvaluation({ plan, storage });
    expect(resumed.status).toBe("completed");
    expect(resumed.results).toHaveLength(100);
    expect(calls() - callsBefore).toBe(100 - saved);
    expect(new Set(keysOf(storage.results)).size).toBe(100);
    const redone = storage.results
      .slice(saved)
      .filter((result) => finishedKeys.has(cellKeyString(result)));
    expect(redone).toEqual([]);
  });

  it("runs errored cells again on resume when asked, and only them", async () => {
    let failing = true;
    const model = countingModel("test/outage", {
      failWith: () =>
        failing ? modelError("unavailable", "down", { modelId: "test/outage" }) : undefined,
    });
    const plan: EvalPlan = {
      prompts: [templatePrompt("p", "{{question}}")],
      models: [{ id: "m", model }],
      cases: numberedCases(4),
    };
    const storage = memoryEvalRunStorage();
    const down = await runEvaluation({ plan, storage });
    expect(down.results.every((result) => result.error?.class === "unavailable")).toBe(true);
    failing = false;
    const kept = await runEvaluation({ plan, storage });
    expect(model.calls).toHaveLength(4);
    expect(kept.summaries[0]?.errored).toBe(4);
    const redone = await runEvaluation({ plan, storage, redoErrored: true });
    expect(model.calls).toHaveLength(8);
    expect(redone.results.map((result) => result.status)).toEqual([
      "passed",
      "passed",
      "passed",
      "passed",
    ]);
    const again = await runEvaluation({ plan, storage, redoErrored: true });
    expect(model.calls).toHaveLength(8);
    expect(again.summaries[0]?.passed).toBe(4);
  });

  it("property: every cell appears exactly once, in matrix order, whatever the concurrency, failures and resumes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 2 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 30 }),
        async (cases, concurrency, repeat, failing, stopAfter) => {
          const model = countingModel("test/p", {
            latencyMs: (request) => lastDigit(request) % 3,
            failWith: (request) =>
              failing[lastDigit(request) % failing.length] ? new Error("boom") : undefined,
          });
          const plan: EvalPlan = {
            prompts: [templatePrompt("a", "{{question}}"), templatePrompt("b", "B {{question}}")],
            models: [{ id: "m", model }],
            cases: numberedCases(cases),
            repeat,
          };
          const storage = memoryEvalRunStorage();
          const controller = new AbortController();
          await runEvaluation({
            plan,
            storage,
            concurrency,
            signal: controller.signal,
            onProgress: (event) => {
              if (event.done >= stopAfter) controller.abort();
            },
          });
          const outcome = await runEvaluation({ plan, storage, concurrency });
          const expected = matrixCells(plan).map(cellKeyString);
          expect(keysOf(outcome.results)).toEqual(expected);
          expect(new Set(keysOf(storage.results)).size).toBe(storage.results.length);
          expect(storage.results).toHaveLength(expected.length);
          expect(model.maxInFlight).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 40 },
    );
  });
});

function lastDigit(request: {
  messages: { content: { type: string; text?: string }[] }[];
}): number {
  const text = request.messages.at(-1)?.content[0]?.text ?? "";
  return Number(text.at(-1) ?? 0);
}
