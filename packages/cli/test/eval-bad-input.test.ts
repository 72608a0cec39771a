import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../src/evaluation/eval-report.js";
import { evalFolder, runQuireInProcess } from "./eval-cli-harness.js";

let models: TestModelServer;

beforeAll(async () => {
  models = await startTestModelServer({
    reply: (request) => {
      if (request.model === "judge")
        return { type: "text", text: "Well, it depends on many things." };
      if (request.model === "flaky" && request.lastUserText.includes("FAIL")) {
        return { type: "error", status: 503, message: "overloaded" };
      }
      if (request.model === "slow")
        return { type: "text", text: `echo: ${request.lastUserText}`, latencyMs: 60 };
      return undefined; // echo: <last user text>
    },
  });
});

afterAll(async () => {
  await models.close();
});

function folderWith(config: string, files: Record<string, string> = {}): string {
  const folder = evalFolder(models.baseUrl, ["echo", "judge", "flaky", "slow"]);
  writeFileSync(path.join(folder, "quire.eval.yaml"), config);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

const eval_ = (folder: string, args: string[] = []) =>
  runQuireInProcess(["eval", "--no-progress", "--retries", "0", ...args], { cwd: folder });

describe("quire eval: bad config (exit 2, placed in the file)", () => {
  test("a malformed CSV names its row and column", async () => {
    const folder = folderWith(
      "prompts: ['Say {{ text }}']\nproviders: [local/echo]\ntests: file://cases.csv\n",
      {
        "cases.csv": 'text,__expected\nhello,"contains: hello"\n"unclosed,contains: x\n',
      },
    );
    const run = await eval_(folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cases.csv");
    expect(run.stderr).toMatch(/row \d+|line \d+/i);
    expect(run.stderr).toMatch(/column/i);
  });

  test("an unknown assertion type lists the known ones, at its line and column", async () => {
    const folder = folderWith(
      "prompts: ['Say {{ text }}']\nproviders: [local/echo]\ntests:\n  - vars: { text: hi }\n    assert:\n      - type: icontain\n        value: hi\n",
    );
    const run = await eval_(folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/quire\.eval\.yaml:6:15: tests\[0\]\.assert\[0\]\.type: /);
    expect(run.stderr).toContain('"icontain"');
    expect(run.stderr).toContain("icontains");
    expect(run.stderr).toContain("levenshtein"); // the known types are listed
  });

  test("schema problems name the key path, line and column; a typo gets a suggestion", async () => {
    const folder = folderWith(
      "prompts: ['Say {{ text }}']\nproviders: [local/echo]\ntests:\n  - vars: nope\n  - vars: { text: hi }\n    asert: []\n",
    );
    const run = await eval_(folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /quire\.eval\.yaml:4:\d+: tests\[0\]\.vars must be a map of variables/,
    );
    expect(run.stderr).toMatch(
      /quire\.eval\.yaml:6:5: unknown key "asert" in tests\[1\].*did you mean "assert"\?/,
    );
  });

  test("an unknown model names the configured ones; a promptfoo id with no provider says what to add", async () => {
    const unknown = await eval_(
      folderWith("prompts: ['x']\nproviders: [local/nope]\ntests: [{vars: {}}]\n"),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("local/echo");
    const promptfoo = await eval_(
      folderWith("prompts: ['x']\nproviders: ['openai:chat:gpt-4o-mini']\ntests: [{vars: {}}]\n"),
    );
    expect(promptfoo.code).toBe(2);
    expect(promptfoo.stderr).toMatch(/no openai provider serving "gpt-4o-mini".*\[\[providers\]\]/);
  });

  test("bad flags exit 2 before anything runs", async () => {
    const folder = folderWith("prompts: ['x']\nproviders: [local/echo]\ntests: [{vars: {}}]\n");
    const before = models.requests.length;
    for (const args of [
      ["--threshold", "1.5"],
      ["-o", "report.pdf"],
      ["--output", "xml"],
      ["--resume", "no-such-run"],
      ["--concurrency", "0"],
    ]) {
      const run = await eval_(folder, args);
      expect(run.code, args.join(" ")).toBe(2);
    }
    expect(models.requests.length).toBe(before);
  });
});

describe("quire eval: cells that go wrong do not stop the run", () => {
  test("a javascript assertion that loops forever fails its cell with a reason, and the run completes", async () => {
    const folder = folderWith(
      [
        "prompts: ['Say {{ text }}']",
        "providers: [local/echo]",
        "tests:",
        "  - id: loops",
        "    vars: { text: a }",
        "    assert: [{ type: javascript, value: '(() => { while (true) {} })()', options: { timeoutMs: 200 } }]",
        "  - id: throws",
        "    vars: { text: b }",
        "    assert: [{ type: javascript, value: 'output.nope.deeper' }]",
        "  - id: fine",
        "    vars: { text: c }",
        "    assert: [{ type: javascript, value: \"output.startsWith('echo')\" }]",
        "",
      ].join("\n"),
    );
    const started = Date.now();
    const run = await eval_(folder, ["--output", "json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const report = JSON.parse(run.stdout) as EvalReport;
    const byCase = new Map(report.results.map((cell) => [cell.caseId, cell]));
    expect(byCase.get("loops")?.status).toBe("failed");
    expect(byCase.get("loops")?.assertions[0]?.errored).toBe(true);
    expect(byCase.get("loops")?.assertions[0]?.reason).toMatch(
      /did not finish|timed out|time limit/i,
    );
    expect(byCase.get("throws")?.assertions[0]?.reason).toMatch(/threw|undefined/i);
    expect(byCase.get("fine")?.status).toBe("passed");
  });

  test("a judge model that returns garbage errors the assertion with a reason, not the run", async () => {
    const folder = folderWith(
      "prompts: ['Say {{ text }}']\nproviders: [local/echo]\ngrading: { provider: local/judge }\ntests:\n  - vars: { text: hi }\n    assert: [{ type: llm-rubric, value: is polite }]\n",
    );
    const run = await eval_(folder, ["--output", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const [cell] = (JSON.parse(run.stdout) as EvalReport).results;
    expect(cell?.status).toBe("failed");
    expect(cell?.assertions[0]?.errored).toBe(true);
    expect(cell?.assertions[0]?.reason).toMatch(/judge/i);
    expect(models.requests.some((request) => request.model === "judge")).toBe(true);
  });

  test("a provider failing for some cells marks them errored; the others finish; --threshold counts them as not passed", async () => {
    const config =
      "prompts: ['Say {{ text }}']\nproviders: [local/flaky]\ntests:\n  - { id: one, vars: { text: a } }\n  - { id: two, vars: { text: FAIL } }\n  - { id: three, vars: { text: c } }\n";
    const folder = folderWith(config);
    const run = await eval_(folder, ["--output", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as EvalReport;
    expect(report.status).toBe("completed");
    expect(report.results.map((cell) => [cell.caseId, cell.status])).toEqual([
      ["one", "passed"],
      ["two", "errored"],
      ["three", "passed"],
    ]);
    expect(report.results[1]?.error?.message).toMatch(/overloaded|503/);
    const gated = await eval_(folder, ["--threshold", "0.9"]);
    expect(gated.code).toBe(1);
    expect(gated.stdout).toMatch(/ERRORED two/);
    expect(gated.stderr).toMatch(
      /quality gate failed: pass rate 66\.7% \(2 of 3 cells, 1 errored, counted as not passed\) is under --threshold 90\.0%/,
    );
  });
});

describe("quire eval: cancel and resume", () => {
  test("Ctrl-C keeps finished cells; --resume runs only the rest", async () => {
    const cases = Array.from(
      { length: 8 },
      (_, index) => `  - { id: c${index + 1}, vars: { text: t${index + 1} } }`,
    );
    const folder = folderWith(
      `prompts: ['Say {{ text }}']\nproviders: [local/slow]\ntests:\n${cases.join("\n")}\n`,
    );
    const before = models.requests.length;
    const stop = new Promise<string>((resolve) => {
      const timer = setInterval(() => {
        if (models.requests.length - before >= 3) {
          clearInterval(timer);
          resolve("SIGINT");
        }
      }, 5);
    });
    const cancelled = await runQuireInProcess(
      ["eval", "--no-progress", "--no-cache", "--concurrency", "1", "--output", "json"],
      { cwd: folder, stop },
    );
    expect(cancelled.code).toBe(1);
    const runId = /--resume (\S+)/.exec(cancelled.stderr)?.[1];
    expect(runId, cancelled.stderr).toBeDefined();
    const partial = JSON.parse(cancelled.stdout) as EvalReport;
    expect(partial.status).toBe("cancelled");
    const kept = readFileSync(path.join(folder, ".quire", "eval-runs", `${runId}.jsonl`), "utf8")
      .trim()
      .split("\n");
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThan(8);
    expect(partial.results).toHaveLength(kept.length);

    const beforeResume = models.requests.length;
    const resumed = await runQuireInProcess(
      ["eval", "--no-progress", "--no-cache", "--output", "json", "--resume", String(runId)],
      { cwd: folder },
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`eval run ${runId} (resumed)`);
    const report = JSON.parse(resumed.stdout) as EvalReport;
    expect(report.status).toBe("completed");
    expect(report.results.map((cell) => cell.caseId)).toEqual([
      "c1",
      "c2",
      "c3",
      "c4",
      "c5",
      "c6",
      "c7",
      "c8",
    ]);
    // Only the cells not kept reached the model again.
    expect(models.requests.length - beforeResume).toBe(8 - kept.length);
  });
});

describe("quire eval: gates", () => {
  const config = (secondExpects: string) =>
    `prompts: ['Say {{ text }}']\nproviders: [local/echo]\ntests:\n  - { id: c1, vars: { text: alpha }, assert: [{ type: icontains, value: alpha }] }\n  - { id: c2, vars: { text: beta }, assert: [{ type: icontains, value: ${secondExpects} }] }\n  - { id: c3, vars: { text: gamma }, assert: [{ type: icontains, value: gamma }] }\n`;

  test("--threshold: exit 0 at or above, 1 under", async () => {
    const folder = folderWith(config("nope"));
    const above = await eval_(folder, ["--threshold", "0.6"]);
    expect(above.code, above.stderr).toBe(0);
    const under = await eval_(folder, ["--threshold", "0.7"]);
    expect(under.code).toBe(1);
    expect(under.stderr).toContain(
      "quality gate failed: pass rate 66.7% (2 of 3 cells) is under --threshold 70.0%",
    );
    expect(under.stdout).toMatch(/FAILED c2 · prompt-1: Say \{\{ text \}\} · local\/echo/);
    expect(under.stdout).toMatch(/icontains: .*nope/);
  });

  test("--baseline: a case that passed before and fails now exits 1, naming it and the significance", async () => {
    const folder = folderWith(config("beta"));
    const baseline = await eval_(folder, ["-o", "baseline.json"]);
    expect(baseline.code, baseline.stderr).toBe(0);
    const same = await eval_(folder, ["--baseline", "baseline.json"]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toMatch(/0 regressed/);

    writeFileSync(path.join(folder, "quire.eval.yaml"), config("nope"));
    const worse = await eval_(folder, ["--baseline", "baseline.json", "-o", "report.html"]);
    expect(worse.code).toBe(1);
    expect(worse.stderr).toMatch(
      /regressed: c2 · prompt-1 · local\/echo: passed \(1\.00\) → failed \(0\.00\)/,
    );
    expect(worse.stderr).toMatch(/not statistically significant \(McNemar exact p = /);
    expect(worse.stderr).toMatch(
      /quality gate failed: 1 case\(s\) regressed against the baseline baseline\.json/,
    );
    expect(readFileSync(path.join(folder, "report.html"), "utf8")).toContain(
      "Against the baseline baseline.json",
    );
  });
});

describe("quire eval import-promptfoo", () => {
  test("writes a quire.eval.yaml that runs, and lists what it left out", async () => {
    const folder = folderWith("unused: true\n", {
      "promptfooconfig.yaml": [
        "description: imported",
        "prompts:",
        "  - 'Say {{text}}'",
        "  - file://prompt.py",
        "providers:",
        "  - id: ollama:chat:echo",
        "    config: { temperature: 0, apiBaseUrl: 'http://x' }",
        "defaultTest:",
        "  options: { provider: local/judge, rubricPrompt: 'Grade {{output}}: {{rubric}}' }",
        "  assert: [{ type: icontains, value: say, transform: output.toLowerCase() }]",
        "tests:",
        "  - vars: { text: hello }",
        "    assert: [{ type: python, value: 'True' }, { type: contains, value: hello }]",
        "    threshold: 0.5",
        "scenarios: []",
        "",
      ].join("\n"),
    });
    const imported = await runQuireInProcess(
      ["eval", "import-promptfoo", "promptfooconfig.yaml", "--out", "imported.yaml"],
      {
        cwd: folder,
      },
    );
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("wrote imported.yaml");
    for (const note of [
      "prompts[1]: file://prompt.py is a prompt function",
      "providers[0].config.apiBaseUrl",
      "defaultTest.assert[0].transform",
      "tests[0].assert[0]: assertion type python",
      "tests[0].threshold",
      "scenarios",
    ]) {
      expect(imported.stdout).toContain(note);
    }
    const written = readFileSync(path.join(folder, "imported.yaml"), "utf8");
    expect(written).toContain("grading:");
    expect(written).toContain('rubricPrompt: "Grade {{output}}: {{rubric}}"');
    const again = await runQuireInProcess(
      ["eval", "import-promptfoo", "promptfooconfig.yaml", "--out", "imported.yaml"],
      { cwd: folder },
    );
    expect(again.code).toBe(2);

    const run = await eval_(folder, ["imported.yaml", "--output", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as EvalReport;
    expect(report.models).toEqual([{ id: "local/echo" }]); // ollama:chat:echo → local/echo
    expect(report.results[0]?.status).toBe("passed");
  });
});
