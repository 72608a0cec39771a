import { describe, expect, it } from "vitest";
import { cellFixture as cell } from "../testing/cell-fixture.js";
import { summarizeResults } from "./summarize-results.js";

describe("summarizeResults", () => {
  it("summarizes one prompt × model column by hand-computed figures", () => {
    const results = [
      cell({
        caseId: "a",
        status: "passed",
        score: 1,
        latencyMs: 10,
        inputTokens: 100,
        outputTokens: 10,
        costUsd: 0.01,
      }),
      cell({
        caseId: "b",
        status: "passed",
        score: 0.5,
        latencyMs: 20,
        inputTokens: 100,
        outputTokens: 20,
        costUsd: 0.02,
      }),
      cell({
        caseId: "c",
        status: "failed",
        score: 0,
        latencyMs: 30,
        inputTokens: 100,
        outputTokens: 30,
      }),
      cell({
        caseId: "d",
        status: "passed",
        score: 1,
        latencyMs: 40,
        inputTokens: 100,
        outputTokens: 40,
        costUsd: 0.03,
      }),
      cell({
        caseId: "e",
        status: "errored",
        score: 0,
        latencyMs: 5000,
        inputTokens: 0,
        outputTokens: 0,
      }),
    ];
    const [summary, ...rest] = summarizeResults(results);
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({
      promptId: "prompt:1",
      modelId: "test/model",
      cells: 5,
      passed: 3,
      failed: 1,
      errored: 1,
      inputTokens: 400,
      outputTokens: 100,
      latencyP50Ms: 25,
      latencyP95Ms: 38.5,
    });
    expect(summary?.costUsd).toBeCloseTo(0.06, 12);
    // Wilson 95% for 3 of 4: [0.3006, 0.9544].
    expect(summary?.passRate?.value).toBe(0.75);
    expect(summary?.passRate?.low).toBeCloseTo(0.300642, 5);
    expect(summary?.passRate?.high).toBeCloseTo(0.954413, 5);
    // Mean of 1, 0.5, 0, 1 with a t interval (df 3): 0.625 ± 3.1824 × 0.2394.
    expect(summary?.meanScore?.value).toBe(0.625);
    expect(summary?.meanScore?.low).toBeCloseTo(-0.13674, 4);
    expect(summary?.meanScore?.high).toBeCloseTo(1.38674, 4);
  });

  it("keeps columns in first-seen order and gives nulls where nothing was judged or priced", () => {
    const results = [
      cell({ caseId: "a", promptId: "p:2", modelId: "m/b", status: "errored" }),
      cell({ caseId: "a", promptId: "p:1", modelId: "m/a" }),
      cell({ caseId: "b", promptId: "p:2", modelId: "m/b", status: "errored" }),
    ];
    const summaries = summarizeResults(results);
    expect(summaries.map((summary) => `${summary.promptId} ${summary.modelId}`)).toEqual([
      "p:2 m/b",
      "p:1 m/a",
    ]);
    expect(summaries[0]).toMatchObject({
      cells: 2,
      errored: 2,
      passRate: null,
      meanScore: null,
      latencyP50Ms: null,
      latencyP95Ms: null,
      costUsd: null,
    });
    expect(summaries[1]?.passRate?.value).toBe(1);
    expect(summarizeResults([])).toEqual([]);
  });
});
