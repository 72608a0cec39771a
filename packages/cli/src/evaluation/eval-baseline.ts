import { readFileSync } from "node:fs";
import path from "node:path";
import type { CellResult, RunComparison } from "@quire/engine";
import { UsageError } from "../usage-error.js";
import { caseTitle, type EvalReport, formatPercent, terminalSafe } from "./eval-report.js";

/** The cells of a previous run's JSON output (`quire eval -o results.json`). */
export function readBaseline(file: string, workingDirectory: string): CellResult[] {
  const absolute = path.resolve(workingDirectory, file);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(absolute, "utf8"));
  } catch (error) {
    throw new UsageError(
      `--baseline ${file} cannot be read as a previous run's JSON output: ${(error as Error).message}; write one with quire eval -o results.json`,
      { option: "--baseline", file },
    );
  }
  const results = (value as { results?: unknown } | null)?.results;
  if (!Array.isArray(results) || results.some((cell) => typeof cell?.caseId !== "string")) {
    throw new UsageError(
      `--baseline ${file} is JSON but not a quire eval output (it has no "results" list of cells); write one with quire eval -o results.json`,
      { option: "--baseline", file },
    );
  }
  return results as CellResult[];
}

/** What a person reads about the comparison: the regressed cases and whether it is significant. */
export function describeComparison(
  report: EvalReport,
  comparison: RunComparison,
  file: string,
): string {
  const test = comparison.passRateTest;
  const rate = (value: number | null) => (value === null ? "–" : formatPercent(value));
  const lines = [
    `Against the baseline ${file}: ${comparison.paired} paired cases, pass rate ${rate(comparison.baselinePassRate)} → ${rate(comparison.candidatePassRate)}; ${comparison.regressed.length} regressed, ${comparison.improved.length} improved; the change in pass rate is ${test.significant ? "" : "not "}statistically significant (McNemar exact p = ${test.pValue.toFixed(4)}, α = ${test.alpha}).`,
  ];
  for (const change of comparison.regressed) {
    lines.push(
      `  regressed: ${caseTitle(report, change.caseId)} · ${terminalSafe(change.promptId)} · ${terminalSafe(change.modelId)}: ${change.baseline.status} (${change.baseline.score.toFixed(2)}) → ${change.candidate.status} (${change.candidate.score.toFixed(2)})`,
    );
  }
  return `${lines.join("\n")}\n`;
}
