import type { CellResult, RunComparison } from "@quire/engine";
import { formatPercent } from "./eval-report.js";

/**
 * Why the run fails CI, one sentence per gate (empty: it passes). `--threshold` is over every
 * cell, errored ones counted as not passed, so a provider outage cannot pass it; `--baseline`
 * fails on any case that regressed, significant or not (the sentence says which).
 */
export function gateFailures(
  results: readonly CellResult[],
  threshold: number | undefined,
  baseline: { file: string; comparison: RunComparison } | undefined,
): string[] {
  const failures: string[] = [];
  const passed = results.filter((result) => result.status === "passed").length;
  const rate = results.length === 0 ? 0 : passed / results.length;
  if (threshold !== undefined && rate < threshold) {
    const errored = results.filter((result) => result.status === "errored").length;
    failures.push(
      `pass rate ${formatPercent(rate)} (${passed} of ${results.length} cells${errored > 0 ? `, ${errored} errored, counted as not passed` : ""}) is under --threshold ${formatPercent(threshold)}`,
    );
  }
  const comparison = baseline?.comparison;
  if (baseline !== undefined && comparison !== undefined && comparison.regressed.length > 0) {
    const test = comparison.passRateTest;
    failures.push(
      `${comparison.regressed.length} case(s) regressed against the baseline ${baseline.file} (${test.significant ? "statistically significant" : "not statistically significant"}, p = ${test.pValue.toFixed(4)})`,
    );
  }
  return failures;
}
