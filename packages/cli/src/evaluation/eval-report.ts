import type { AssertionResult, Interval } from "@quire/core";
import type { CellResult, EvalSummary, RunComparison } from "@quire/engine";

/**
 * Everything a report shows about one `quire eval` run; `--output json` writes it as is, and a
 * later run reads it back as its `--baseline`.
 */
export interface EvalReport {
  /** Format version of this JSON. */
  quireEval: 1;
  runId: string;
  status: "completed" | "cancelled";
  config: string;
  description?: string;
  startedAt: string;
  finishedAt: string;
  prompts: { id: string; label: string }[];
  models: { id: string }[];
  cases: { id: string; description?: string; variables: Record<string, unknown> }[];
  /** Cells of the matrix (× repeat). */
  totalCells: number;
  summaries: EvalSummary[];
  results: CellResult[];
  /** Present when the run was compared with `--baseline`. */
  baseline?: { file: string; comparison: RunComparison };
}

/** Passed over passed + failed, over the whole run; null when no cell reached a verdict. */
export function overallPassRate(results: readonly CellResult[]): number | null {
  const judged = results.filter((result) => result.status !== "errored");
  if (judged.length === 0) return null;
  return judged.filter((result) => result.status === "passed").length / judged.length;
}

export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** `83.3% [61.2–94.1]` */
export function formatInterval(interval: Interval | null, asPercent: boolean): string {
  if (interval === null) return "–";
  const shown = (value: number) => (asPercent ? (value * 100).toFixed(1) : value.toFixed(2));
  return `${shown(interval.value)}${asPercent ? "%" : ""} [${shown(interval.low)}–${shown(interval.high)}]`;
}

export function formatMilliseconds(value: number | null): string {
  return value === null ? "–" : `${Math.round(value)} ms`;
}

export function formatCost(value: number | null): string {
  return value === null ? "–" : `$${value.toFixed(value < 0.01 ? 6 : 4)}`;
}

/** Why a cell did not pass, in one line per reason: its error, or its failing assertions. */
export function failureReasons(result: CellResult): string[] {
  if (result.error !== undefined) return [`error (${result.error.class}): ${result.error.message}`];
  const reasons: string[] = [];
  const visit = (assertions: readonly AssertionResult[], depth: number) => {
    for (const assertion of assertions) {
      if (assertion.pass) continue;
      const prefix = `${"  ".repeat(depth)}${assertion.type}${assertion.errored === true ? " (errored)" : ""}`;
      reasons.push(`${prefix}: ${assertion.reason}`);
      if (assertion.children !== undefined) visit(assertion.children, depth + 1);
    }
  };
  visit(result.assertions, 0);
  return reasons.length > 0 ? reasons : ["the case failed"];
}

/** The description a case was given, for reports (on one line, without control characters). */
export function caseTitle(report: EvalReport, caseId: string): string {
  const description = report.cases.find((testCase) => testCase.id === caseId)?.description;
  return terminalSafe(
    description === undefined || description === "" ? caseId : `${caseId} (${description})`,
  );
}

/**
 * Text from a config or a model on one line and without control characters, so printing it
 * cannot move the cursor, clear the screen or recolour the terminal.
 */
export function terminalSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removes terminal control characters
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
}
