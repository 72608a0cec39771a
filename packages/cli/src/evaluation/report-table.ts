import type { Colors } from "../cli-context.js";
import { formatTable } from "../output/format-table.js";
import {
  caseTitle,
  type EvalReport,
  failureReasons,
  formatCost,
  formatInterval,
  formatMilliseconds,
  terminalSafe,
} from "./eval-report.js";

/** How many failing cells the table lists before saying how many more there are. */
const shownFailures = 20;

/**
 * The report as a person reads it in a terminal: one row per prompt × model (pass rate with its
 * interval, mean score, latency p50/p95, tokens, cost), then the failing and errored cells with
 * their reasons.
 */
export function formatReportTable(report: EvalReport, colors: Colors): string {
  const labelOf = (promptId: string) =>
    terminalSafe(report.prompts.find((prompt) => prompt.id === promptId)?.label ?? promptId);
  const rows: string[][] = [
    [
      "prompt",
      "model",
      "pass rate (95% CI)",
      "mean score",
      "p50",
      "p95",
      "tokens in/out",
      "cost",
      "errored",
    ].map((title) => colors.bold(title)),
  ];
  for (const summary of report.summaries) {
    const rate = summary.passRate;
    const rateText = formatInterval(rate, true);
    const colored =
      rate === null
        ? rateText
        : rate.value === 1
          ? colors.green(rateText)
          : rate.value === 0
            ? colors.red(rateText)
            : colors.yellow(rateText);
    rows.push([
      labelOf(summary.promptId),
      terminalSafe(summary.modelId),
      `${colored} (${summary.passed}/${summary.passed + summary.failed})`,
      formatInterval(summary.meanScore, false),
      formatMilliseconds(summary.latencyP50Ms),
      formatMilliseconds(summary.latencyP95Ms),
      `${summary.inputTokens}/${summary.outputTokens}`,
      formatCost(summary.costUsd),
      summary.errored === 0 ? "0" : colors.red(String(summary.errored)),
    ]);
  }
  let text = formatTable(rows);
  const failing = report.results.filter((result) => result.status !== "passed");
  if (failing.length > 0) {
    text += `\n${colors.bold(`Failing cells (${failing.length})`)}\n`;
    for (const result of failing.slice(0, shownFailures)) {
      const status = result.status === "errored" ? colors.red("ERRORED") : colors.red("FAILED");
      const repeat = result.repeatIndex > 0 ? ` #${result.repeatIndex + 1}` : "";
      text += `${status} ${caseTitle(report, result.caseId)}${repeat} · ${labelOf(result.promptId)} · ${terminalSafe(result.modelId)}\n`;
      for (const reason of failureReasons(result)) text += `  ${oneLine(reason)}\n`;
      if (result.status === "failed") text += colors.dim(`  output: ${oneLine(result.output)}\n`);
    }
    if (failing.length > shownFailures) {
      text += colors.dim(
        `…and ${failing.length - shownFailures} more (see --output json or html)\n`,
      );
    }
  }
  if (report.status === "cancelled") {
    text += colors.yellow(
      `\nCancelled: ${report.results.length} of ${report.totalCells} cells finished.\n`,
    );
  }
  return text;
}

function oneLine(text: string): string {
  const flat = terminalSafe(text);
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
