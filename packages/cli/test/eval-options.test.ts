import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EvalReport } from "../src/evaluation/eval-report.js";
import { evalFolder, runQuireInProcess } from "./eval-cli-harness.js";

let models: TestModelServer;
let inFlight = 0;
let mostInFlight = 0;

beforeAll(async () => {
  models = await startTestModelServer({
    reply: async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight -= 1;
      return undefined; // echo
    },
  });
});

afterAll(async () => {
  await models.close();
});

function folderWith(config: string): string {
  const folder = evalFolder(models.baseUrl, ["echo"]);
  writeFileSync(path.join(folder, "quire.eval.yaml"), config);
  return folder;
}

const cases = (count: number) =>
  Array.from(
    { length: count },
    (_, index) => `  - { id: c${index + 1}, vars: { text: t${index + 1} } }`,
  ).join("\n");

describe("quire eval options", () => {
  test("--repeat runs each cell N times, each its own call; reports number the repeats", async () => {
    const folder = folderWith(
      `prompts: ['Say {{ text }}']\nproviders: [local/echo]\ntests:\n${cases(2)}\n`,
    );
    const before = models.requests.length;
    const run = await runQuireInProcess(
      ["eval", "--no-progress", "--repeat", "3", "--output", "json", "-o", "report.html"],
      {
        cwd: folder,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("× 3 repeats = 6 cells");
    const report = JSON.parse(run.stdout) as EvalReport;
    expect(report.results.map((cell) => `${cell.caseId}#${cell.repeatIndex}`)).toEqual([
      "c1#0",
      "c1#1",
      "c1#2",
      "c2#0",
      "c2#1",
      "c2#2",
    ]);
    expect(models.requests.length - before).toBe(6);
    expect(
      readFileSync(path.join(folder, "report.html"), "utf8").match(/<tr class="case"/g),
    ).toHaveLength(6);
  });

  test("--concurrency bounds the calls in flight; evaluateOptions.maxConcurrency is the default", async () => {
    const folder = folderWith(
      `prompts: ['Say {{ text }}']\nproviders: [local/echo]\nevaluateOptions: { maxConcurrency: 1 }\ntests:\n${cases(6)}\n`,
    );
    mostInFlight = 0;
    expect(
      (await runQuireInProcess(["eval", "--no-progress", "--no-cache"], { cwd: folder })).code,
    ).toBe(0);
    expect(mostInFlight).toBe(1);
    mostInFlight = 0;
    expect(
      (
        await runQuireInProcess(["eval", "--no-progress", "--no-cache", "--concurrency", "3"], {
          cwd: folder,
        })
      ).code,
    ).toBe(0);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(3);
  });

  test("outputPath in the config writes files; --output junit prints JUnit; progress lines when stderr is a log", async () => {
    const folder = folderWith(
      `prompts: ['Say {{ text }}']\nproviders: [local/echo]\noutputPath: [out/results.json, out/table.txt]\ntests:\n${cases(10)}\n`,
    );
    const run = await runQuireInProcess(["eval", "--output", "junit"], { cwd: folder });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(existsSync(path.join(folder, "out/results.json"))).toBe(true);
    expect(readFileSync(path.join(folder, "out/table.txt"), "utf8")).toMatch(
      /^prompt\s+model\s+pass rate/,
    );
    expect(run.stderr).toContain("progress: 10/10 cells (10 passed, 0 failed, 0 errored)");
    expect(run.stderr).toContain("wrote out/results.json");
  });

  test("costs are priced with quire.toml's [models] over the built-in table, as quire tokens does", async () => {
    const folder = folderWith(
      `prompts: ['Say {{ text }}']\nproviders: [local/echo]\ntests:\n${cases(1)}\n`,
    );
    // $1 per input token and $2 per output token: the cost is read back from the token counts.
    appendFileSync(
      path.join(folder, "quire.toml"),
      '[models."echo"]\ncontextWindow = 8000\nmaxOutputTokens = 1000\nprice = { input = 1000000, output = 2000000 }\n',
    );
    const run = await runQuireInProcess(
      ["eval", "--no-progress", "--no-cache", "--output", "json"],
      {
        cwd: folder,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const [cell] = (JSON.parse(run.stdout) as EvalReport).results;
    expect(cell?.inputTokens).toBeGreaterThan(0);
    expect(cell?.costUsd).toBeCloseTo((cell?.inputTokens ?? 0) + 2 * (cell?.outputTokens ?? 0), 6);
  });
});
