import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createQuireClient } from "@quire/client";
import type { Dataset, DatasetCase, EvalRun, EvalRunComparison } from "@quire/core";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { type RunningServer, startServer } from "@quire/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runQuireInProcess } from "./eval-cli-harness.js";

let root: string;
let project: string;
let server: RunningServer;
let models: TestModelServer;

const quire = (args: string[]) =>
  runQuireInProcess(args, { cwd: project, env: { QUIRE_URL: server.url } });

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "quire-cli-datasets-"));
  project = path.join(root, "project");
  mkdirSync(project);
  models = await startTestModelServer();
  server = await startServer({
    providers: [
      { name: "local", kind: "openai-compatible", baseUrl: models.baseUrl, models: ["echo"] },
    ],
    port: 0,
    host: "127.0.0.1",
    dataDirectory: path.join(project, ".quire"),
    seedExamples: false,
    handleSignals: false,
    logLevel: "silent",
  });
  writeFileSync(
    path.join(project, "cases.csv"),
    '__id,ticket,__expected\nlate,"My order\nis late",contains: refund\nbroken,It broke,technical\n',
  );
  writeFileSync(path.join(project, "more.jsonl"), '{"id":"third","variables":{"ticket":"Hi"}}\n');
  writeFileSync(path.join(project, "bad.csv"), 'ticket\n"never closed\n');
});

afterAll(async () => {
  await server?.close();
  await models?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("quire datasets", () => {
  test("create from a file, import more, show, list, export, add an execution, delete", async () => {
    const created = await quire([
      "datasets",
      "create",
      "support/smoke",
      "--from",
      "cases.csv",
      "--description",
      "Triage smoke tests",
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe("created support/smoke with 2 cases\n");

    const imported = await quire(["datasets", "import", "support/smoke", "more.jsonl"]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("imported 1 cases into support/smoke (3 in all)");

    const shown = await quire(["datasets", "show", "support/smoke", "--cases", "--json"]);
    expect(shown.code, shown.stderr).toBe(0);
    const { dataset, cases } = JSON.parse(shown.stdout) as {
      dataset: Dataset;
      cases: DatasetCase[];
    };
    expect(dataset).toMatchObject({ description: "Triage smoke tests", caseCount: 3 });
    expect(cases.map((testCase) => testCase.id)).toEqual(["late", "broken", "third"]);
    // The quoted multi-line field and the promptfoo assertion column came through.
    expect(cases[0]).toMatchObject({
      variables: { ticket: "My order\nis late" },
      assertions: [{ type: "contains", value: "refund" }],
    });

    const table = await quire(["datasets", "show", "support/smoke", "--cases"]);
    expect(table.stdout).toMatch(/cases\s+3/);
    expect(table.stdout).toMatch(/2\s+broken\s+\{"ticket":"It broke"\}\s+technical/);

    const listed = await quire(["datasets", "list"]);
    expect(listed.stdout).toMatch(/support\/smoke\s+3\s+\S+\s+Triage smoke tests/);

    const exported = await quire(["datasets", "export", "support/smoke", "-o", "out.jsonl"]);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(path.join(project, "out.jsonl"), "utf8").trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([
      "late",
      "broken",
      "third",
    ]);
    const csv = await quire(["datasets", "export", "support/smoke", "--format", "csv"]);
    expect(csv.stdout.split("\n")[0]).toContain("__id");

    const client = createQuireClient({
      baseUrl: server.url,
      apiKey: readFileSync(server.adminKeyPath, "utf8").trim(),
    });
    const [logged] = (
      await client.logExecutions([
        {
          promptName: "support/triage",
          model: "local/echo",
          success: true,
          metadata: { variables: { ticket: "Refund?" }, output: "billing" },
        },
      ])
    ).accepted;
    await server.executionLog.flush();
    const added = await quire([
      "datasets",
      "add-execution",
      "support/smoke",
      logged?.id ?? "",
      "--case-id",
      "from-production",
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe("added case from-production to support/smoke (case 4)\n");
    const saved = await client.listCases("support/smoke");
    expect(saved.items.at(-1)).toMatchObject({
      id: "from-production",
      variables: { ticket: "Refund?" },
      expected: "billing",
    });

    const deleted = await quire(["datasets", "delete", "support/smoke"]);
    expect(deleted.stdout).toBe("deleted support/smoke (4 cases)\n");
    const gone = await quire(["datasets", "show", "support/smoke"]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("support/smoke");
  });

  test("a malformed file exits 1 (not 2: the command line was right) with its row and column, before anything is stored", async () => {
    const bad = await quire(["datasets", "create", "bad/one", "--from", "bad.csv"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^error: bad\.csv, line 2, column 1, row 1.*quoted field.*Close the quote/,
    );
    const imported = await quire(["datasets", "import", "bad/one", "bad.csv"]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toBe(bad.stderr);
    const listed = await quire(["datasets", "list", "--json"]);
    expect((JSON.parse(listed.stdout) as Dataset[]).map((dataset) => dataset.name)).not.toContain(
      "bad/one",
    );
  });

  test("bad flags and files are usage errors that say how to fix them", async () => {
    const format = await quire(["datasets", "import", "x", "cases.csv", "--format", "xlsx"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of csv, json, jsonl, got "xlsx"');
    writeFileSync(path.join(project, "cases.txt"), "x");
    const unknown = await quire(["datasets", "import", "x", "cases.txt"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("give --format csv|json|jsonl");
    const missing = await quire(["datasets", "import", "x", "nope.csv"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read nope.csv: no such file; check the path");
    const duplicate = await quire(["datasets", "create", "dup", "--from", "more.jsonl"]);
    expect(duplicate.code, duplicate.stderr).toBe(0);
    const again = await quire(["datasets", "import", "dup", "more.jsonl"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("third");
  });
});

describe("quire settings set --allow-javascript-assertions", () => {
  test("turns the server's javascript assertions on and off; anything else is a usage error", async () => {
    const on = await quire(["settings", "set", "--allow-javascript-assertions", "on"]);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toMatch(/javascript assertions\s+allowed/);
    const off = await quire(["settings", "set", "--allow-javascript-assertions", "off", "--json"]);
    expect(JSON.parse(off.stdout)).toMatchObject({ allowJavaScriptAssertions: false });
    const bad = await quire(["settings", "set", "--allow-javascript-assertions", "yes please"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--allow-javascript-assertions must be on or off");
  });
});

describe("quire eval-runs", () => {
  test("list, show, compare and cancel a run the server executed", async () => {
    const client = createQuireClient({
      baseUrl: server.url,
      apiKey: readFileSync(server.adminKeyPath, "utf8").trim(),
    });
    await client.createPrompt({
      name: "runs/greet",
      template: "Greet {{name}}.",
      labels: ["production"],
    });
    await client.createDataset({
      name: "runs/people",
      cases: [
        { id: "ada", variables: { name: "Ada" } },
        { id: "bo", variables: { name: "Bo" }, assertions: [{ type: "contains", value: "Zed" }] },
      ],
    });
    const started = await client.startEvalRun({
      prompts: ["runs/greet@production"],
      models: ["local/echo"],
      dataset: "runs/people",
    });
    for await (const event of client.watchEvalRun(started.id)) if (event.type === "done") break;

    const listed = await quire(["eval-runs", "list", "--status", "completed"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`${started.id}\\s+completed\\s+runs/people\\s+runs/greet:1\\s+local/echo\\s+2/2`),
    );
    const shown = await quire(["eval-runs", "show", started.id]);
    expect(shown.stdout).toContain("2/2 (1 passed, 1 failed, 0 errored)");
    expect(shown.stdout).toMatch(/runs\/greet:1\s+local\/echo\s+50\.0% \[/);
    const json = JSON.parse(
      (await quire(["eval-runs", "show", started.id, "--json"])).stdout,
    ) as EvalRun;
    expect(json.summaries).toHaveLength(1);

    const compared = await quire(["eval-runs", "compare", started.id, started.id, "--json"]);
    expect(compared.code, compared.stderr).toBe(0);
    const comparison = JSON.parse(compared.stdout) as EvalRunComparison;
    expect(comparison).toMatchObject({ paired: 2, regressed: [], improved: [] });
    const text = await quire(["eval-runs", "compare", started.id, started.id]);
    expect(text.stdout).toContain("2 paired cells: pass rate 50.0% → 50.0% (not significant");

    const cancelled = await quire(["eval-runs", "cancel", started.id]);
    expect(cancelled.stdout).toContain(`${started.id} is completed`);
    const bad = await quire(["eval-runs", "compare", started.id, "nope", "--pair-by", "prompt"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--pair-by must be one of case-and-model, case-and-prompt, case");
    const missing = await quire(["eval-runs", "show", "no-such-run"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no-such-run");
  });
});
