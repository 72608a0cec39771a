/** The outcome of a paired significance test. */
export interface PairedTestResult {
  test: "mcnemar-exact" | "wilcoxon-signed-rank" | "paired-t";
  pValue: number;
  significant: boolean;
  alpha: number;
}

/**
 * McNemar's exact test on paired pass/fail outcomes: `baselineOnly` cases passed only before,
 * `candidateOnly` only after (the discordant pairs). Two-sided.
 */
export function mcNemarExact(
  _baselineOnly: number,
  _candidateOnly: number,
  _alpha = 0.05,
): PairedTestResult {
  throw new Error("not implemented yet");
}

/** Wilcoxon signed-rank test on paired scores (same length). Two-sided. */
export function wilcoxonSignedRank(
  _baseline: readonly number[],
  _candidate: readonly number[],
  _alpha = 0.05,
): PairedTestResult {
  throw new Error("not implemented yet");
}
