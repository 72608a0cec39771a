import { mcNemarExact, type PairedTestResult, wilcoxonSignedRank } from "@quire/core";
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
   * or on case and prompt — comparing two models. Default "shared-ids": on the case, plus the
   * model when the runs share model ids and the prompt when they share prompt ids — so a rerun of
   * the same matrix pairs cell for cell, and runs of two versions pair on case and model.
   */
  pairBy?: "shared-ids" | "case-and-model" | "case-and-prompt" | "case";
  alpha?: number;
}

/** One side of a pair: the cells of one run that share a pairing key, reduced to one verdict. */
interface PairSide {
  promptId: string;
  modelId: string;
  /** Majority pass over the cells with a verdict (ties fail); errored when none has one. */
  status: CellResult["status"];
  /** Mean score over the cells with a verdict (0 when none). */
  score: number;
}

type PairBy = Exclude<NonNullable<CompareRunsOptions["pairBy"]>, "shared-ids"> | "all";

function distinct(results: readonly CellResult[], field: "promptId" | "modelId"): Set<string> {
  return new Set(results.map((result) => result[field]));
}

function overlaps(left: Set<string>, right: Set<string>): boolean {
  for (const value of left) if (right.has(value)) return true;
  return false;
}

/**
 * The pairing actually used: a model (or prompt) part only when the two runs share at least one
 * id there; two runs of one different model each pair on the case alone.
 */
function effectivePairing(
  pairBy: NonNullable<CompareRunsOptions["pairBy"]>,
  baseline: readonly CellResult[],
  candidate: readonly CellResult[],
): PairBy {
  if (pairBy === "shared-ids") {
    const models = overlaps(distinct(baseline, "modelId"), distinct(candidate, "modelId"));
    const prompts = overlaps(distinct(baseline, "promptId"), distinct(candidate, "promptId"));
    if (models && prompts) return "all";
    return models ? "case-and-model" : prompts ? "case-and-prompt" : "case";
  }
  if (pairBy === "case-and-model") {
    return overlaps(distinct(baseline, "modelId"), distinct(candidate, "modelId"))
      ? pairBy
      : "case";
  }
  if (pairBy === "case-and-prompt") {
    return overlaps(distinct(baseline, "promptId"), distinct(candidate, "promptId"))
      ? pairBy
      : "case";
  }
  return pairBy;
}

function pairKey(result: CellResult, pairBy: PairBy): string {
  const caseKey = encodeURIComponent(result.caseId);
  if (pairBy === "case-and-model") return `${caseKey}|${encodeURIComponent(result.modelId)}`;
  if (pairBy === "case-and-prompt") return `${caseKey}|${encodeURIComponent(result.promptId)}`;
  if (pairBy === "all") {
    return `${caseKey}|${encodeURIComponent(result.modelId)}|${encodeURIComponent(result.promptId)}`;
  }
  return caseKey;
}

/** Groups a run's cells by pairing key (repeats, and whatever the key leaves out, together). */
function sides(results: readonly CellResult[], pairBy: PairBy): Map<string, PairSide> {
  const groups = new Map<string, CellResult[]>();
  for (const result of results) {
    const key = pairKey(result, pairBy);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [result]);
    else group.push(result);
  }
  const reduced = new Map<string, PairSide>();
  for (const [key, cells] of groups) {
    const first = cells[0] as CellResult;
    const judged = cells.filter((cell) => cell.status !== "errored");
    const passes = judged.filter((cell) => cell.status === "passed").length;
    reduced.set(key, {
      promptId: first.promptId,
      modelId: first.modelId,
      status: judged.length === 0 ? "errored" : passes * 2 > judged.length ? "passed" : "failed",
      score:
        judged.length === 0 ? 0 : judged.reduce((sum, cell) => sum + cell.score, 0) / judged.length,
    });
  }
  return reduced;
}

function caseIdOf(key: string): string {
  return decodeURIComponent(key.split("|")[0] ?? "");
}

/**
 * Compares a candidate run with a baseline on the cases both ran. Cells pair on `pairBy`; a case
 * run several times (repeats) counts once, passing when most of its verdicts pass, with the mean
 * of their scores. A case regressed when it passed before and does not now (failed or errored),
 * improved the other way round. The tests (McNemar's exact on pass/fail, Wilcoxon signed-rank on
 * scores) use the pairs with a verdict on both sides; pass rates are over those pairs too.
 */
export function compareRuns(
  baseline: readonly CellResult[],
  candidate: readonly CellResult[],
  options: CompareRunsOptions = {},
): RunComparison {
  const alpha = options.alpha ?? 0.05;
  const pairBy = effectivePairing(options.pairBy ?? "shared-ids", baseline, candidate);
  const before = sides(baseline, pairBy);
  const after = sides(candidate, pairBy);
  const regressed: CaseChange[] = [];
  const improved: CaseChange[] = [];
  const baselineScores: number[] = [];
  const candidateScores: number[] = [];
  let paired = 0;
  let baselinePasses = 0;
  let candidatePasses = 0;
  let baselineOnly = 0;
  let candidateOnly = 0;
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now === undefined) continue;
    paired += 1;
    const change: CaseChange = {
      caseId: caseIdOf(key),
      promptId: now.promptId,
      modelId: now.modelId,
      baseline: { status: old.status, score: old.score },
      candidate: { status: now.status, score: now.score },
    };
    if (old.status === "passed" && now.status !== "passed") regressed.push(change);
    if (old.status !== "passed" && now.status === "passed") improved.push(change);
    if (old.status === "errored" || now.status === "errored") continue;
    baselineScores.push(old.score);
    candidateScores.push(now.score);
    if (old.status === "passed") baselinePasses += 1;
    if (now.status === "passed") candidatePasses += 1;
    if (old.status === "passed" && now.status !== "passed") baselineOnly += 1;
    if (old.status !== "passed" && now.status === "passed") candidateOnly += 1;
  }
  const judged = baselineScores.length;
  return {
    paired,
    regressed,
    improved,
    baselinePassRate: judged === 0 ? null : baselinePasses / judged,
    candidatePassRate: judged === 0 ? null : candidatePasses / judged,
    passRateTest: mcNemarExact(baselineOnly, candidateOnly, alpha),
    scoreTest: scoreTest(baselineScores, candidateScores, alpha),
  };
}

function scoreTest(
  baseline: readonly number[],
  candidate: readonly number[],
  alpha: number,
): PairedTestResult | null {
  if (baseline.length === 0) return null;
  // Every pair equal: no difference to rank (the test's statistic is undefined); nothing changed.
  if (baseline.every((score, index) => score === candidate[index])) {
    return { test: "wilcoxon-signed-rank", pValue: 1, significant: false, alpha };
  }
  return wilcoxonSignedRank(baseline, candidate, alpha);
}
