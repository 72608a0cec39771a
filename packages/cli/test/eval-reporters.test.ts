import { evaluateAssertions } from "@quire/core";
import type { CellResult } from "@quire/engine";
import fc from "fast-check";
import { createColors } from "picocolors";
import { describe, expect, test } from "vitest";
import type { EvalReport } from "../src/evaluation/eval-report.js";
import { formatReportHtml } from "../src/evaluation/report-html.js";
import { formatReportJunit } from "../src/evaluation/report-junit.js";
import { formatReportTable } from "../src/evaluation/report-table.js";

const hostile = `<script>alert("x")</script> ]]> & "quotes" 'single' <![CDATA[ boom ]]> \u0001\u0008 end`;

function reportWith(output: string, reason: string, caseId = "case<1>"): EvalReport {
  const cell = (status: CellResult["status"]): CellResult => ({
    promptId: "prompt<&>",
    modelId: 'local/"m"',
    caseId,
    repeatIndex: 0,
    status,
    output,
    score: status === "passed" ? 1 : 0,
    assertions: [
      {
        type: "icontains",
        pass: status === "passed",
        score: status === "passed" ? 1 : 0,
        reason,
        weight: 1,
      },
    ],
    latencyMs: 12,
    inputTokens: 3,
    outputTokens: 4,
    cachedInputTokens: 0,
    costUsd: null,
    cacheHit: false,
    ...(status === "errored" ? { error: { class: "unavailable" as const, message: reason } } : {}),
    finishedAt: "2026-11-21T00:00:00.000Z",
  });
  const results = [cell("failed"), { ...cell("errored"), modelId: "other" }];
  return {
    quireEval: 1,
    runId: "run-1",
    status: "completed",
    config: "quire.eval.yaml",
    description: hostile,
    startedAt: "2026-11-21T00:00:00.000Z",
    finishedAt: "2026-11-21T00:00:01.000Z",
    prompts: [{ id: "prompt<&>", label: hostile }],
    models: [{ id: 'local/"m"' }, { id: "other" }],
    cases: [{ id: caseId, description: hostile, variables: { text: hostile } }],
    totalCells: 2,
    summaries: [
      {
        promptId: "prompt<&>",
        modelId: 'local/"m"',
        cells: 1,
        passed: 0,
        failed: 1,
        errored: 0,
        passRate: { value: 0, low: 0, high: 0.79, level: 0.95 },
        meanScore: { value: 0, low: 0, high: 0, level: 0.95 },
        latencyP50Ms: 12,
        latencyP95Ms: 12,
        inputTokens: 3,
        outputTokens: 4,
        costUsd: null,
      },
      {
        promptId: "prompt<&>",
        modelId: "other",
        cells: 1,
        passed: 0,
        failed: 0,
        errored: 1,
        passRate: null,
        meanScore: null,
        latencyP50Ms: 12,
        latencyP95Ms: 12,
        inputTokens: 3,
        outputTokens: 4,
        costUsd: null,
      },
    ],
    results,
  };
}

async function isWellFormedXml(text: string): Promise<{ pass: boolean; reason: string }> {
  const score = await evaluateAssertions([{ type: "is-xml" }], { output: text, variables: {} });
  return { pass: score.pass, reason: score.results[0]?.reason ?? "" };
}

describe("eval reporters escape what a model wrote", () => {
  test("JUnit: an output with <script> and ]]> stays well-formed, with a testcase per cell and the reasons", async () => {
    const xml = formatReportJunit(
      reportWith(hostile, `output does not contain "refund" ${hostile}`),
    );
    const check = await isWellFormedXml(xml);
    expect(check.pass, check.reason).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain(
      '<failure message="icontains: output does not contain &quot;refund&quot; &lt;script&gt;',
    );
    expect(xml).toContain("<error message=");
    expect(xml).toContain("]]&gt;");
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("\u0001");
    expect(xml).not.toContain("\u0008");
  });

  test("JUnit stays well-formed for any output and reason (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary" }), fc.string(), async (output, reason) => {
        const check = await isWellFormedXml(
          formatReportJunit(reportWith(output, reason, output.slice(0, 20) || "c")),
        );
        expect(check.pass, check.reason).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  test("HTML: run data never becomes markup or script; the page has one script, ours", () => {
    const html = formatReportHtml(reportWith(hostile, hostile));
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]&gt;");
    expect(html).not.toMatch(/(src|href)=/);
    expect(html).toContain('class="failed"');
    expect(html).toContain('class="errored"');
  });

  test("HTML: for any output, the only < in the page are the report's own tags (property)", () => {
    fc.assert(
      fc.property(fc.string(), (output) => {
        const plain = formatReportHtml(reportWith("x", "r"));
        const withOutput = formatReportHtml(reportWith(output, "r"));
        const tags = (text: string) => (text.match(/</g) ?? []).length;
        expect(tags(withOutput)).toBe(tags(plain));
      }),
      { numRuns: 100 },
    );
  });

  test("table: control characters from an output never reach the terminal", () => {
    const table = formatReportTable(
      reportWith("\u001b[2Jcleared\u001b]0;title\u0007", "bad\nreason"),
      createColors(false),
    );
    const controls = [...table].filter((character) => {
      const code = character.charCodeAt(0);
      return code < 32 && character !== "\n";
    });
    expect(controls).toEqual([]);
    expect(table).toContain("output: [2Jcleared ]0;title");
    expect(table).toContain("FAILED case<1> (");
    expect(table).toContain("ERRORED case<1>");
  });
});
