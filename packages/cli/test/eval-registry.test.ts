import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createQuireClient } from "@quire/client";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { type RunningServer, startServer } from "@quire/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../src/evaluation/eval-report.js";
import { evalFolder, runQuireInProcess } from "./eval-cli-harness.js";

/** Registry prompts in an eval: `quire://name@label` and `quire://name:N`, rendered by a real server. */
let models: TestModelServer;
let server: RunningServer;
let folder: string;
let apiKey: string;

beforeAll(async () => {
  // The judge answers a verdict; everything else echoes.
  models = await startTestModelServer({
    reply: (request) =>
      request.model === "judge"
        ? { type: "text", text: '{"reason": "polite enough", "pass": true, "score": 0.9}' }
        : undefined,
  });
  folder = evalFolder(models.baseUrl, ["echo", "judge"], "quire-eval-registry-");
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDirectory: path.join(folder, ".quire"),
    seedExamples: false,
    handleSignals: false,
    logLevel: "silent",
  });
  apiKey = readFileSync(path.join(folder, ".quire", "admin.key"), "utf8").trim();
  const client = createQuireClient({ baseUrl: server.url, apiKey });
  await client.createPrompt({
    name: "support/triage",
    type: "text",
    template: "v1 sorts: {{ticket}}",
    config: { temperature: 0.3 },
    labels: ["production"],
  });
  await client.createVersion("support/triage", { type: "text", template: "v2 sorts: {{ticket}}" });
  await client.createPrompt({
    name: "judges/rubric",
    type: "text",
    template: "HOUSE RUBRIC v1. Grade {{output}} against: {{rubric}}. Answer JSON.",
    labels: ["production"],
  });
});

afterAll(async () => {
  await server?.close();
  await models?.close();
});

describe("quire eval with registry prompts", () => {
  test("fetches quire://name@label and quire://name:N from the server and renders each case there", async () => {
    writeFileSync(
      path.join(folder, "quire.eval.yaml"),
      [
        "prompts:",
        "  - quire://support/triage@production",
        "  - quire://support/triage:2",
        "providers: [local/echo]",
        "tests:",
        "  - { id: late, vars: { ticket: my order is late }, assert: [{ type: contains, value: order is late }] }",
        "",
      ].join("\n"),
    );
    const before = models.requests.length;
    const run = await runQuireInProcess(
      ["eval", "--no-progress", "--no-cache", "--output", "json"],
      {
        cwd: folder,
        env: { QUIRE_URL: server.url, QUIRE_API_KEY: apiKey },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as EvalReport;
    expect(report.prompts).toEqual([
      { id: "support/triage@production", label: "support/triage@production (v1)" },
      { id: "support/triage:2", label: "support/triage:2 (v2)" },
    ]);
    expect(report.results.map((cell) => cell.output)).toEqual([
      "echo: v1 sorts: my order is late",
      "echo: v2 sorts: my order is late",
    ]);
    expect(report.results[0]?.provenance).toBeDefined();
    // The version's own parameters reach the model.
    const bodies = models.requests
      .slice(before)
      .map((request) => request.body as { temperature?: number });
    expect(bodies.map((body) => body.temperature)).toContain(0.3);
  });

  test("--baseline LABEL runs the versions behind the label on the same cases and gates on regressions", async () => {
    writeFileSync(
      path.join(folder, "quire.eval.yaml"),
      [
        "prompts: [quire://support/triage:2]",
        "providers: [local/echo]",
        "tests:",
        "  - { id: v1-style, vars: { ticket: late }, assert: [{ type: contains, value: v1 sorts }] }",
        "  - { id: any, vars: { ticket: late }, assert: [{ type: contains, value: sorts }] }",
        "",
      ].join("\n"),
    );
    const run = await runQuireInProcess(
      ["eval", "--no-progress", "--output", "json", "--baseline", "production"],
      { cwd: folder, env: { QUIRE_URL: server.url, QUIRE_API_KEY: apiKey } },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("baseline: the same cases on support/triage@production (v1)");
    expect(run.stderr).toMatch(/Against the baseline the versions labelled production: 2 paired/);
    expect(run.stderr).toMatch(/regressed: .*v1-style/);
    const report = JSON.parse(run.stdout) as EvalReport;
    expect(report.baseline?.comparison.regressed.map((change) => change.caseId)).toEqual([
      "v1-style",
    ]);
    const inline = path.join(folder, "inline.eval.yaml");
    writeFileSync(
      inline,
      "prompts: ['Hi {{ ticket }}']\nproviders: [local/echo]\ntests: [{ vars: { ticket: x } }]\n",
    );
    const refused = await runQuireInProcess(
      ["eval", inline, "--no-progress", "--baseline", "production"],
      { cwd: folder, env: { QUIRE_URL: server.url, QUIRE_API_KEY: apiKey } },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("has no version in the registry to compare with");
  });

  test("the judge prompt is itself a versioned Quire prompt (grading.rubricPrompt: quire://…)", async () => {
    writeFileSync(
      path.join(folder, "quire.eval.yaml"),
      [
        "prompts: ['Hello {{ name }}']",
        "providers: [local/echo]",
        "grading: { provider: local/judge, rubricPrompt: 'quire://judges/rubric@production' }",
        "tests:",
        "  - { vars: { name: Ann }, assert: [{ type: llm-rubric, value: greets by name }] }",
        "",
      ].join("\n"),
    );
    const before = models.requests.length;
    const run = await runQuireInProcess(
      ["eval", "--no-progress", "--no-cache", "--output", "json"],
      {
        cwd: folder,
        env: { QUIRE_URL: server.url, QUIRE_API_KEY: apiKey },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const [cell] = (JSON.parse(run.stdout) as EvalReport).results;
    expect(cell?.status).toBe("passed");
    const judged = models.requests.slice(before).find((request) => request.model === "judge");
    expect(judged?.lastUserText).toBe(
      "HOUSE RUBRIC v1. Grade echo: Hello Ann against: greets by name. Answer JSON.",
    );
  });

  test("a registry prompt that does not exist is a config error naming it", async () => {
    writeFileSync(
      path.join(folder, "quire.eval.yaml"),
      "prompts: [quire://support/nope@production]\nproviders: [local/echo]\ntests: [{ vars: {} }]\n",
    );
    const run = await runQuireInProcess(["eval", "--no-progress"], {
      cwd: folder,
      env: { QUIRE_URL: server.url, QUIRE_API_KEY: apiKey },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /quire\.eval\.yaml prompts\[0\]: cannot fetch quire:\/\/support\/nope@production/,
    );
  });
});
