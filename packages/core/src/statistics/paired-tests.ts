import { QuireError } from "../errors/index.js";
import { binomialLowerTail, normalUpperTail } from "./distributions.js";
import { exactSignedRankTails, rankAbsoluteValues } from "./signed-rank.js";
import { assertConfidenceLevel, assertCount, assertFiniteValues } from "./statistics-input.js";

/** The outcome of a paired significance test. */
export interface PairedTestResult {
  test: "mcnemar-exact" | "wilcoxon-signed-rank" | "paired-t";
  pValue: number;
  significant: boolean;
  alpha: number;
}

/** Up to this many non-zero differences the Wilcoxon p-value comes from the exact distribution. */
export const WILCOXON_EXACT_LIMIT = 25;

function assertAlpha(alpha: number, where: string): void {
  // alpha is 1 − a confidence level, so the same open interval (0, 1) applies.
  assertConfidenceLevel(1 - alpha, where);
}

function result(test: PairedTestResult["test"], pValue: number, alpha: number): PairedTestResult {
  const clamped = Math.min(1, Math.max(0, pValue));
  return { test, pValue: clamped, significant: clamped < alpha, alpha };
}

/**
 * McNemar's exact test on paired pass/fail outcomes: `baselineOnly` cases passed only before,
 * `candidateOnly` only after (the discordant pairs). Two-sided: twice the smaller binomial tail
 * of Binomial(b + c, ½), capped at 1. No discordant pairs gives p = 1.
 */
export function mcNemarExact(
  baselineOnly: number,
  candidateOnly: number,
  alpha = 0.05,
): PairedTestResult {
  const where = "mcNemarExact";
  assertAlpha(alpha, where);
  assertCount(baselineOnly, where, "baselineOnly");
  assertCount(candidateOnly, where, "candidateOnly");
  const discordant = baselineOnly + candidateOnly;
  if (discordant === 0) return result("mcnemar-exact", 1, alpha);
  const smaller = Math.min(baselineOnly, candidateOnly);
  return result("mcnemar-exact", 2 * binomialLowerTail(smaller, discordant, 0.5), alpha);
}

/**
 * Wilcoxon signed-rank test on paired scores (same length). Two-sided. Zero differences are
 * dropped (Wilcoxon's method); tied absolute differences get their average rank. With at most
 * {@link WILCOXON_EXACT_LIMIT} non-zero differences the p-value is exact (the permutation
 * distribution of the actual ranks, so ties are handled exactly too); above that it uses the
 * normal approximation with the tie correction of the variance and a continuity correction.
 * No non-zero differences gives p = 1.
 */
export function wilcoxonSignedRank(
  baseline: readonly number[],
  candidate: readonly number[],
  alpha = 0.05,
): PairedTestResult {
  const where = "wilcoxonSignedRank";
  assertAlpha(alpha, where);
  assertFiniteValues(baseline, where, "baseline");
  assertFiniteValues(candidate, where, "candidate");
  if (baseline.length !== candidate.length) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: baseline has ${baseline.length} scores and candidate ${candidate.length}; a paired test needs one score per case on each side, in the same case order.`,
      {
        details: {
          field: "candidate",
          baselineLength: baseline.length,
          candidateLength: candidate.length,
        },
      },
    );
  }
  const differences = candidate
    .map((value, index) => value - (baseline[index] as number))
    .filter((difference) => difference !== 0);
  if (differences.length === 0) return result("wilcoxon-signed-rank", 1, alpha);
  const ranks = rankAbsoluteValues(differences);
  const positiveRankSum = differences.reduce(
    (sum, difference, index) => (difference > 0 ? sum + (ranks[index] as number) : sum),
    0,
  );
  if (differences.length <= WILCOXON_EXACT_LIMIT) {
    const tails = exactSignedRankTails(ranks, positiveRankSum);
    return result("wilcoxon-signed-rank", 2 * Math.min(tails.lower, tails.upper), alpha);
  }
  const count = differences.length;
  const mean = (count * (count + 1)) / 4;
  const tieCorrection = tieGroupSizes(ranks).reduce((sum, size) => sum + size ** 3 - size, 0) / 48;
  const variance = (count * (count + 1) * (2 * count + 1)) / 24 - tieCorrection;
  const distance = Math.max(0, Math.abs(positiveRankSum - mean) - 0.5);
  const z = distance / Math.sqrt(variance);
  return result("wilcoxon-signed-rank", 2 * normalUpperTail(z), alpha);
}

/** Sizes of groups of equal ranks (ties), counting only groups of two or more. */
function tieGroupSizes(ranks: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const rank of ranks) counts.set(rank, (counts.get(rank) ?? 0) + 1);
  return [...counts.values()].filter((size) => size > 1);
}
