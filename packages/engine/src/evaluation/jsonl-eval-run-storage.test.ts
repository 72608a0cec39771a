import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cellFixture as cell } from "../testing/cell-fixture.js";
import { countingModel, numberedCases, templatePrompt } from "../testing/eval-fixtures.js";
import { jsonlEvalRunStorage } from "./jsonl-eval-run-storage.js";
import { runEvaluation } from "./run-evaluation.js";

let directory: string;
let file: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "quire-jsonl-"));
  file = join(directory, "run.jsonl");
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe("jsonlEvalRunStorage", () => {
  it("starts empty, appends one line per cell, and reads them back", async () => {
    const storage = jsonlEvalRunStorage(file);
    expect(await storage.finishedCells()).toEqual([]);
    await storage.save([cell({ caseId: "a" }), cell({ caseId: "b", status: "failed" })]);
    await storage.save([cell({ caseId: "c", output: "line\nbreak" })]);
    const text = await readFile(file, "utf8");
    expect(text.split("\n")).toHaveLength(4);
    const reopened = jsonlEvalRunStorage(file);
    expect((await reopened.finishedCells()).map((result) => result.caseId)).toEqual([
      "a",
      "b",
      "c",
    ]);
    expect((await reopened.finishedCells())[2]?.output).toBe("line\nbreak");
  });

  it("ignores a torn last line with a warning and cuts it before appending", async () => {
    await jsonlEvalRunStorage(file).save([cell({ caseId: "a" })]);
    await appendFile(file, '{"promptId":"prompt:1","modelId":"test/mo');
    const warnings: string[] = [];
    const storage = jsonlEvalRunStorage(file, { onWarning: (message) => warnings.push(message) });
    expect((await storage.finishedCells()).map((result) => result.caseId)).toEqual(["a"]);
    expect(warnings).toEqual([expect.stringMatching(/run\.jsonl:2: ignoring a torn last line/)]);
    await storage.save([cell({ caseId: "b" })]);
    const again = jsonlEvalRunStorage(file, { onWarning: (message) => warnings.push(message) });
    expect((await again.finishedCells()).map((result) => result.caseId)).toEqual(["a", "b"]);
    expect(warnings).toHaveLength(1);
  });

  it("completes a whole last line that lost only its newline", async () => {
    await writeFile(file, JSON.stringify(cell({ caseId: "a" })));
    const storage = jsonlEvalRunStorage(file);
    await storage.save([cell({ caseId: "b" })]);
    expect(
      (await jsonlEvalRunStorage(file).finishedCells()).map((result) => result.caseId),
    ).toEqual(["a", "b"]);
  });

  it("refuses a file with a bad line before the last, naming the line", async () => {
    await writeFile(
      file,
      `${JSON.stringify(cell({ caseId: "a" }))}\nnot json\n${JSON.stringify(cell({ caseId: "b" }))}\n`,
    );
    await expect(jsonlEvalRunStorage(file).finishedCells()).rejects.toThrow(
      /run\.jsonl:2 is not an eval cell result/,
    );
  });

  it("keeps the last line of a cell stored twice", async () => {
    const storage = jsonlEvalRunStorage(file);
    await storage.save([cell({ caseId: "a", status: "errored" })]);
    await storage.save([cell({ caseId: "a", status: "passed" })]);
    const cells = await jsonlEvalRunStorage(file).finishedCells();
    expect(cells.map((result) => result.status)).toEqual(["passed"]);
  });

  it("resumes a run from the file after a crash that tore the last line", async () => {
    const model = countingModel("test/m");
    const plan = {
      prompts: [templatePrompt("p", "{{question}}")],
      models: [{ id: "m", model }],
      cases: numberedCases(10),
    };
    const controller = new AbortController();
    await runEvaluation({
      plan,
      storage: jsonlEvalRunStorage(file),
      signal: controller.signal,
      saveBatchSize: 3,
      concurrency: 1,
      onProgress: (event) => {
        if (event.done === 6) controller.abort();
      },
    });
    await appendFile(file, '{"promptId":"p","mod');
    expect(model.calls).toHaveLength(6);
    const outcome = await runEvaluation({
      plan,
      storage: jsonlEvalRunStorage(file, { onWarning: () => {} }),
    });
    expect(outcome.status).toBe("completed");
    expect(outcome.results.map((result) => result.caseId)).toEqual(
      plan.cases.map((testCase) => testCase.id),
    );
    expect(model.calls).toHaveLength(10);
  });
});
