import type { PairedTestResult } from "@quire/core";
import type { CellResult } from "./cell-result.js";

export interface CaseChange {
  caseId: string;
  promptId: string;
  modelId: string;
  baseline: { status: CellResult["status"]; score: number };
  candidate: { status: CellResult["status"]; score: number };
}

export interface RunComparison {
  /** Cases present in both runs (paired on case id; prompt/model paired by `pairBy`). */
  paired: number;
  regressed: CaseChange[];
  improved: CaseChange[];
  baselinePassRate: number | null;
  candidatePassRate: number | null;
  /** McNemar's exact test on the pass/fail pairs. */
  passRateTest: PairedTestResult;
  /** Wilcoxon signed-rank on the scores. */
  scoreTest: PairedTestResult | null;
}

export interface CompareRunsOptions {
  /**
   * How cells pair: on case (and model, when both runs have it) — comparing two prompt versions —
   * or on case and prompt — comparing two models. Default "case-and-model".
   */
  pairBy?: "case-and-model" | "case-and-prompt" | "case";
  alpha?: number;
}

export function compareRuns(
  _baseline: readonly CellResult[],
  _candidate: readonly CellResult[],
  _options: CompareRunsOptions = {},
): RunComparison {
  throw new Error("not implemented yet");
}
