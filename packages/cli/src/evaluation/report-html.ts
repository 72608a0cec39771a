import type { AssertionResult } from "@quire/core";
import type { CellResult } from "@quire/engine";
import { escapeMarkup as escapeText } from "./escape-markup.js";
import {
  caseTitle,
  type EvalReport,
  formatCost,
  formatInterval,
  formatMilliseconds,
  formatPercent,
  overallPassRate,
} from "./eval-report.js";

const style = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta{color:#5b6475;margin-bottom:16px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d8dce4;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f9;position:sticky;top:0}
td.passed{background:#e5f6e8}td.failed{background:#fde8e8}td.errored{background:#fff1d6}td.missing{background:#f3f3f3;color:#999}
.badge{font-weight:600}.passed .badge{color:#13692a}.failed .badge{color:#a11b1b}.errored .badge{color:#8a5300}
pre{white-space:pre-wrap;word-break:break-word;margin:4px 0;font:12px/1.4 ui-monospace,monospace;background:#f7f8fa;padding:6px;max-height:320px;overflow:auto}
details summary{cursor:pointer}ul{margin:4px 0;padding-left:18px}.ok{color:#13692a}.bad{color:#a11b1b}
.controls{display:flex;gap:12px;margin:8px 0 12px}.controls input{flex:1;padding:4px 8px}
`;

// Static: it reads only the page, never data, so nothing from a run can reach it as code.
const script = `
(function(){
  var search=document.getElementById('search'),status=document.getElementById('status');
  function apply(){
    var text=search.value.toLowerCase(),wanted=status.value;
    document.querySelectorAll('tr.case').forEach(function(row){
      var statuses=row.getAttribute('data-statuses')||'';
      var show=(wanted==='all'||statuses.indexOf(wanted)!==-1)&&row.textContent.toLowerCase().indexOf(text)!==-1;
      row.style.display=show?'':'none';
    });
  }
  search.addEventListener('input',apply);status.addEventListener('change',apply);
})();
`;

/**
 * One self-contained HTML page (inline CSS and a little inline JS; no external assets): the
 * summary per prompt × model, the baseline comparison when there is one, and a grid of cases ×
 * prompt/model coloured by status, each cell opening to its output and assertions. Every value
 * from the run is escaped.
 */
export function formatReportHtml(report: EvalReport): string {
  const columns = report.summaries.map((summary) => ({
    promptId: summary.promptId,
    modelId: summary.modelId,
  }));
  const labelOf = (promptId: string) =>
    report.prompts.find((prompt) => prompt.id === promptId)?.label ?? promptId;
  const rate = overallPassRate(report.results);
  const parts: string[] = [];
  parts.push(
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeText(`quire eval · ${report.config}`)}</title><style>${style}</style></head><body>`,
    `<h1>${escapeText(report.description ?? `quire eval ${report.config}`)}</h1>`,
    `<div class="meta">run ${escapeText(report.runId)} · ${escapeText(report.status)} · ${report.results.length} of ${report.totalCells} cells · pass rate ${rate === null ? "–" : formatPercent(rate)} · ${escapeText(report.startedAt)}</div>`,
    `<h2>Summary</h2><table><thead><tr><th>prompt</th><th>model</th><th>pass rate (95% CI)</th><th>mean score</th><th>p50</th><th>p95</th><th>tokens in/out</th><th>cost</th><th>errored</th></tr></thead><tbody>`,
  );
  for (const summary of report.summaries) {
    parts.push(
      `<tr><td>${escapeText(labelOf(summary.promptId))}</td><td>${escapeText(summary.modelId)}</td><td>${escapeText(formatInterval(summary.passRate, true))} (${summary.passed}/${summary.passed + summary.failed})</td><td>${escapeText(formatInterval(summary.meanScore, false))}</td><td>${formatMilliseconds(summary.latencyP50Ms)}</td><td>${formatMilliseconds(summary.latencyP95Ms)}</td><td>${summary.inputTokens}/${summary.outputTokens}</td><td>${escapeText(formatCost(summary.costUsd))}</td><td>${summary.errored}</td></tr>`,
    );
  }
  parts.push(`</tbody></table>`);
  if (report.baseline !== undefined) parts.push(baselineSection(report));
  parts.push(
    `<h2>Cases</h2><div class="controls"><input id="search" type="search" placeholder="Filter by text (case, variables, output, reasons)"><select id="status"><option value="all">all cases</option><option value="failed">with a failure</option><option value="errored">with an error</option><option value="passed">with a pass</option></select></div>`,
    `<table><thead><tr><th>case</th>${columns.map((column) => `<th>${escapeText(labelOf(column.promptId))}<br>${escapeText(column.modelId)}</th>`).join("")}</tr></thead><tbody>`,
  );
  const repeats = Math.max(1, ...report.results.map((result) => result.repeatIndex + 1));
  const byKey = new Map(report.results.map((result) => [keyOf(result), result]));
  for (const testCase of report.cases) {
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const cells = columns.map((column) =>
        byKey.get(keyOf({ ...column, caseId: testCase.id, repeatIndex: repeat })),
      );
      const statuses = [...new Set(cells.map((cell) => cell?.status ?? "missing"))].join(" ");
      const title = `${caseTitle(report, testCase.id)}${repeats > 1 ? ` #${repeat + 1}` : ""}`;
      parts.push(
        `<tr class="case" data-statuses="${escapeText(statuses)}"><td><strong>${escapeText(title)}</strong><pre>${escapeText(JSON.stringify(testCase.variables, null, 2))}</pre></td>${cells.map(cellHtml).join("")}</tr>`,
      );
    }
  }
  parts.push(`</tbody></table><script>${script}</script></body></html>\n`);
  return parts.join("\n");
}

function keyOf(cell: {
  promptId: string;
  modelId: string;
  caseId: string;
  repeatIndex: number;
}): string {
  return JSON.stringify([cell.promptId, cell.modelId, cell.caseId, cell.repeatIndex]);
}

function cellHtml(cell: CellResult | undefined): string {
  if (cell === undefined) return `<td class="missing">not run</td>`;
  const badge = cell.status === "passed" ? "PASS" : cell.status === "failed" ? "FAIL" : "ERROR";
  const error =
    cell.error === undefined
      ? ""
      : `<p class="bad">${escapeText(`${cell.error.class}: ${cell.error.message}`)}</p>`;
  return (
    `<td class="${cell.status}"><details><summary><span class="badge">${badge}</span> ${cell.score.toFixed(2)} · ${Math.round(cell.latencyMs)} ms${cell.cacheHit ? " · cached" : ""}</summary>` +
    `${error}<pre>${escapeText(cell.output)}</pre>${assertionList(cell.assertions)}</details></td>`
  );
}

function assertionList(assertions: readonly AssertionResult[]): string {
  if (assertions.length === 0) return "";
  const items = assertions.map(
    (assertion) =>
      `<li class="${assertion.pass ? "ok" : "bad"}">${assertion.pass ? "✓" : "✗"} ${escapeText(assertion.type)} (${assertion.score.toFixed(2)}): ${escapeText(assertion.reason)}${assertion.children === undefined ? "" : assertionList(assertion.children)}</li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}

function baselineSection(report: EvalReport): string {
  const baseline = report.baseline;
  if (baseline === undefined) return "";
  const { comparison } = baseline;
  const test = comparison.passRateTest;
  const rows = [
    ...comparison.regressed.map((change) => ["regressed", change] as const),
    ...comparison.improved.map((change) => ["improved", change] as const),
  ].map(
    ([kind, change]) =>
      `<tr><td class="${kind === "regressed" ? "failed" : "passed"}">${kind}</td><td>${escapeText(caseTitle(report, change.caseId))}</td><td>${escapeText(change.promptId)}</td><td>${escapeText(change.modelId)}</td><td>${escapeText(change.baseline.status)} → ${escapeText(change.candidate.status)}</td></tr>`,
  );
  return (
    `<h2>Against the baseline ${escapeText(baseline.file)}</h2>` +
    `<p>${comparison.paired} paired cases · pass rate ${comparison.baselinePassRate === null ? "–" : formatPercent(comparison.baselinePassRate)} → ${comparison.candidatePassRate === null ? "–" : formatPercent(comparison.candidatePassRate)} · McNemar p = ${test.pValue.toFixed(4)} (${test.significant ? "significant" : "not significant"} at α = ${test.alpha})</p>` +
    (rows.length === 0
      ? "<p>No case changed.</p>"
      : `<table><thead><tr><th>change</th><th>case</th><th>prompt</th><th>model</th><th>status</th></tr></thead><tbody>${rows.join("")}</tbody></table>`)
  );
}
