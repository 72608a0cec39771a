import type { CellResult } from "@quire/engine";
import { escapeAttribute, escapeMarkup } from "./escape-markup.js";
import { caseTitle, type EvalReport, failureReasons } from "./eval-report.js";

/** Longest output kept in `<system-out>`; CI viewers choke on megabytes. */
const maxOutputCharacters = 10_000;

/**
 * JUnit XML for CI: a `<testsuite>` per prompt × model, a `<testcase>` per cell (case, and repeat
 * when there are several), `<failure>` with the failing assertions' reasons, `<error>` for an
 * errored cell, the model's output in `<system-out>`. Every value is escaped.
 */
export function formatReportJunit(report: EvalReport): string {
  const labelOf = (promptId: string) =>
    report.prompts.find((prompt) => prompt.id === promptId)?.label ?? promptId;
  const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(3);
  const suites: string[] = [];
  let failures = 0;
  let errors = 0;
  let totalTime = 0;
  for (const summary of report.summaries) {
    const cells = report.results.filter(
      (result) => result.promptId === summary.promptId && result.modelId === summary.modelId,
    );
    const time = cells.reduce((sum, cell) => sum + cell.latencyMs, 0);
    totalTime += time;
    failures += summary.failed;
    errors += summary.errored;
    const name = `${labelOf(summary.promptId)} · ${summary.modelId}`;
    const testcases = cells.map((cell) =>
      testcase(report, cell, `${summary.promptId} · ${summary.modelId}`),
    );
    suites.push(
      `  <testsuite name="${escapeAttribute(name)}" tests="${cells.length}" failures="${summary.failed}" errors="${summary.errored}" skipped="0" time="${seconds(time)}">\n${testcases.join("")}  </testsuite>\n`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${escapeAttribute(`quire eval ${report.config}`)}" tests="${report.results.length}" failures="${failures}" errors="${errors}" time="${seconds(totalTime)}">\n` +
    suites.join("") +
    `</testsuites>\n`
  );
}

function testcase(report: EvalReport, cell: CellResult, classname: string): string {
  const repeat = cell.repeatIndex > 0 ? ` #${cell.repeatIndex + 1}` : "";
  const name = `${caseTitle(report, cell.caseId)}${repeat}`;
  let body = "";
  if (cell.status !== "passed") {
    const reasons = failureReasons(cell);
    const element = cell.status === "errored" ? "error" : "failure";
    const type = cell.status === "errored" ? (cell.error?.class ?? "error") : "assertion";
    body += `      <${element} message="${escapeAttribute(reasons[0] ?? "failed")}" type="${escapeAttribute(type)}">${escapeMarkup(reasons.join("\n"))}</${element}>\n`;
  }
  const output =
    cell.output.length > maxOutputCharacters
      ? `${cell.output.slice(0, maxOutputCharacters)}…`
      : cell.output;
  if (output !== "") body += `      <system-out>${escapeMarkup(output)}</system-out>\n`;
  return `    <testcase classname="${escapeAttribute(classname)}" name="${escapeAttribute(name)}" time="${(cell.latencyMs / 1000).toFixed(3)}">\n${body}    </testcase>\n`;
}
