import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { evaluateAssertions } from "@quire/core";
import { startTestModelServer, type TestModelServer, type TestRequest } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../src/evaluation/eval-report.js";
import { copyOfExample, runQuireInProcess, writeProviderConfig } from "./eval-cli-harness.js";

/** A stand-in for a model (tests only): sorts the ticket by keywords and answers JSON. */
function triageReply(request: TestRequest) {
  const ticket = request.lastUserText.toLowerCase();
  const category = /charged|refund|invoice/.test(ticket)
    ? "billing"
    : /parcel|deliver|tracking/.test(ticket)
      ? "shipping"
      : "technical";
  const urgent = ticket.includes("urgent");
  return { type: "text" as const, text: JSON.stringify({ category, urgent }) };
}

let models: TestModelServer;
let folder: string;

beforeAll(async () => {
  models = await startTestModelServer({ reply: triageReply });
  folder = copyOfExample();
  // The example's own quire.toml points at a local Ollama; here the same provider and model
  // are the test server.
  writeProviderConfig(folder, models.baseUrl, ["llama3.1:8b"]);
});

afterAll(async () => {
  await models.close();
});

describe("examples/evaluation against the test model server", () => {
  test("passes, prints JSON, and writes well-formed JUnit and a self-contained HTML report", async () => {
    const run = await runQuireInProcess(
      [
        "eval",
        "--output",
        "json",
        "--no-progress",
        "-o",
        "out/report.xml",
        "-o",
        "out/report.html",
        "-o",
        "out/results.json",
        "--threshold",
        "1",
      ],
      { cwd: folder },
    );
    expect(run.stderr).toMatch(
      /eval run \S+: 2 prompt\(s\) × 1 model\(s\) × 5 case\(s\) = 10 cells/,
    );
    expect(run.code, run.stderr).toBe(0);

    const report = JSON.parse(run.stdout) as EvalReport;
    expect(report.status).toBe("completed");
    expect(report.results).toHaveLength(10);
    expect(report.results.every((cell) => cell.status === "passed")).toBe(true);
    expect(
      report.summaries.map((summary) => [summary.promptId, summary.modelId, summary.passed]),
    ).toEqual([
      ["prompts/triage.prompt", "local/llama3.1:8b", 5],
      ["triage-terse", "local/llama3.1:8b", 5],
    ]);
    // The CSV's ids and multi-line field came through, and every assertion kind ran.
    expect(report.cases.map((testCase) => testCase.id)).toEqual([
      "cases.csv#refund-late",
      "cases.csv#parcel-lost",
      "cases.csv#login-broken",
      "cases.csv#invoice-copy",
      "urgent-outage",
    ]);
    expect(report.cases[1]?.variables.ticket).toContain('says\n"delivered"');
    const types = new Set(
      report.results.flatMap((cell) => cell.assertions.map((assertion) => assertion.type)),
    );
    expect([...types].sort()).toEqual(
      [
        "contains-any",
        "contains-json",
        "icontains",
        "is-json",
        "javascript",
        "not-icontains",
        "regex",
        "word-count",
      ].sort(),
    );
    // The .prompt file's system message and the rendered ticket reached the model.
    const fromFile = models.requests.find((request) =>
      JSON.stringify(request.body).includes("You triage customer support tickets"),
    );
    expect(fromFile?.lastUserText.trimStart()).toMatch(/^Ticket: /);

    const junit = readFileSync(path.join(folder, "out/report.xml"), "utf8");
    const wellFormed = await evaluateAssertions([{ type: "is-xml" }], {
      output: junit,
      variables: {},
    });
    expect(wellFormed.pass, wellFormed.results[0]?.reason).toBe(true);
    expect(junit.match(/<testcase /g)).toHaveLength(10);
    expect(junit).toContain('failures="0" errors="0"');

    const html = readFileSync(path.join(folder, "out/report.html"), "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html.match(/<tr class="case"/g)).toHaveLength(5);
    expect(html).toContain("</html>");

    const saved = JSON.parse(
      readFileSync(path.join(folder, "out/results.json"), "utf8"),
    ) as EvalReport;
    expect(saved.results).toEqual(report.results);
  });

  test("a second run answers from the file cache: no request reaches the model", async () => {
    const before = models.requests.length;
    const run = await runQuireInProcess(["eval", "--no-progress"], { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    expect(models.requests.length).toBe(before);
    expect(existsSync(path.join(folder, ".quire", "eval-cache"))).toBe(true);
    // The table: one row per prompt × model, all passing.
    expect(run.stdout).toMatch(/prompts\/triage\.prompt\s+local\/llama3\.1:8b\s+100\.0%/);
    expect(run.stdout).not.toContain("Failing cells");

    const uncached = await runQuireInProcess(["eval", "--no-progress", "--no-cache"], {
      cwd: folder,
    });
    expect(uncached.code).toBe(0);
    expect(models.requests.length).toBe(before + 10);
  });
});
