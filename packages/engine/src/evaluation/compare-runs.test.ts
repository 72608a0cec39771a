import { describe, expect, it } from "vitest";
import { cellFixture as cell } from "../testing/cell-fixture.js";
import type { CellResult } from "./cell-result.js";
import { compareRuns } from "./compare-runs.js";

const run = (promptId: string, statuses: string) =>
  [...statuses].map((mark, index) =>
    cell({
      caseId: `case-${index}`,
      promptId,
      status: mark === "P" ? "passed" : mark === "F" ? "failed" : "errored",
    }),
  );

describe("compareRuns", () => {
  it("pairs a rerun of a matrix with two prompts cell for cell (prompt, model and case)", () => {
    const baseline = [...run("a", "PP"), ...run("b", "FF")];
    const candidate = [...run("a", "PF"), ...run("b", "FP")];
    const comparison = compareRuns(baseline, candidate);
    expect(comparison.paired).toBe(4);
    expect(comparison.regressed.map((change) => [change.promptId, change.caseId])).toEqual([
      ["a", "case-1"],
    ]);
    expect(comparison.improved.map((change) => [change.promptId, change.caseId])).toEqual([
      ["b", "case-1"],
    ]);
  });

  it("lists regressions and improvements and tests the pass rate with McNemar's exact test", () => {
    // Discordant pairs: 6 improved, 0 regressed → two-sided p = 2 / 2^6 = 0.03125.
    const baseline = run("v:1", "FFFFFFPPPP");
    const candidate = run("v:2", "PPPPPPPPPP");
    const comparison = compareRuns(baseline, candidate);
    expect(comparison.paired).toBe(10);
    expect(comparison.regressed).toEqual([]);
    expect(comparison.improved.map((change) => change.caseId)).toEqual([
      "case-0",
      "case-1",
      "case-2",
      "case-3",
      "case-4",
      "case-5",
    ]);
    expect(comparison.improved[0]).toEqual({
      caseId: "case-0",
      promptId: "v:2",
      modelId: "test/model",
      baseline: { status: "failed", score: 0 },
      candidate: { status: "passed", score: 1 },
    });
    expect(comparison.baselinePassRate).toBe(0.4);
    expect(comparison.candidatePassRate).toBe(1);
    expect(comparison.passRateTest.test).toBe("mcnemar-exact");
    expect(comparison.passRateTest.pValue).toBeCloseTo(0.03125, 10);
    expect(comparison.passRateTest.significant).toBe(true);
    expect(comparison.scoreTest?.test).toBe("wilcoxon-signed-rank");
  });

  it("is not significant on few discordant pairs, and keeps errored cases out of the tests", () => {
    // case-0 regressed, case-1..3 improved (1 vs 3: p = 2 × (1 + 4) / 16 = 0.625); case-4 errored.
    const baseline = run("v:1", "PFFFPP");
    const candidate = run("v:2", "FPPPEP");
    const comparison = compareRuns(baseline, candidate, { alpha: 0.1 });
    expect(comparison.regressed.map((change) => [change.caseId, change.candidate.status])).toEqual([
      ["case-0", "failed"],
      ["case-4", "errored"],
    ]);
    expect(comparison.improved).toHaveLength(3);
    expect(comparison.paired).toBe(6);
    expect(comparison.baselinePassRate).toBe(2 / 5);
    expect(comparison.candidatePassRate).toBe(4 / 5);
    expect(comparison.passRateTest.pValue).toBeCloseTo(0.625, 10);
    expect(comparison.passRateTest).toMatchObject({ significant: false, alpha: 0.1 });
  });

  it("pairs a case run with repeats on its majority pass and mean score", () => {
    const baseline = [cell({ caseId: "a", status: "passed", score: 0.9 })];
    const repeats = (statuses: CellResult["status"][], scores: number[]) =>
      statuses.map((status, repeatIndex) =>
        cell({
          caseId: "a",
          promptId: "v:2",
          repeatIndex,
          status,
          score: scores[repeatIndex] ?? 0,
        }),
      );
    const held = compareRuns(baseline, repeats(["passed", "failed", "passed"], [1, 0.2, 0.6]));
    expect(held.regressed).toEqual([]);
    expect(held.paired).toBe(1);
    const lost = compareRuns(baseline, repeats(["passed", "failed", "failed"], [1, 0.2, 0.6]));
    expect(lost.regressed).toHaveLength(1);
    expect(lost.regressed[0]?.candidate.status).toBe("failed");
    expect(lost.regressed[0]?.candidate.score).toBeCloseTo(0.6, 10);
    // A tie (one pass, one fail) does not pass; an errored repeat does not vote.
    const tied = compareRuns(baseline, repeats(["passed", "failed", "errored"], [1, 0, 0]));
    expect(tied.regressed[0]?.candidate).toEqual({ status: "failed", score: 0.5 });
  });

  it("pairs on case and model, on case and prompt, or on case alone", () => {
    const baseline = [
      cell({ caseId: "a", modelId: "m/x", status: "passed" }),
      cell({ caseId: "a", modelId: "m/y", status: "failed" }),
    ];
    const candidate = [
      cell({ caseId: "a", promptId: "prompt:2", modelId: "m/x", status: "failed" }),
      cell({ caseId: "a", promptId: "prompt:2", modelId: "m/y", status: "passed" }),
    ];
    const byModel = compareRuns(baseline, candidate);
    expect(byModel.paired).toBe(2);
    expect(byModel.regressed.map((change) => change.modelId)).toEqual(["m/x"]);
    expect(byModel.improved.map((change) => change.modelId)).toEqual(["m/y"]);
    // Two different models, one each: pairs on case alone.
    const otherModel = compareRuns(
      [cell({ caseId: "a", modelId: "m/x" })],
      [cell({ caseId: "a", modelId: "m/z", status: "failed" })],
    );
    expect(otherModel.paired).toBe(1);
    expect(otherModel.regressed).toHaveLength(1);
    const byCase = compareRuns(baseline, candidate, { pairBy: "case" });
    expect(byCase.paired).toBe(1);
    expect(byCase.regressed).toEqual([]);
  });

  it("leaves cases out that only one run has, and reports nothing to test when none pair", () => {
    const comparison = compareRuns(run("v:1", "PP"), [cell({ caseId: "other" })]);
    expect(comparison.paired).toBe(0);
    expect(comparison.baselinePassRate).toBeNull();
    expect(comparison.scoreTest).toBeNull();
    expect(comparison.passRateTest.significant).toBe(false);
    const same = compareRuns(run("v:1", "PF"), run("v:2", "PF"));
    expect(same.scoreTest).toMatchObject({ pValue: 1, significant: false });
  });
});
