import { createQuireClient, type EvalRunEvent, type QuireClient } from "@quire/client";
import { isQuireError, type QuireError } from "@quire/core";
import { echoReply } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvaluationTestServer, startEvaluationTestServer } from "./evaluation-test-server.js";

/** The client SDK's evaluation methods against a real server over HTTP. */
let server: EvaluationTestServer;
let client: QuireClient;
/** The case saved from an execution (the run tests use the dataset it went into). */
let savedCaseId = "";

async function caught(work: () => Promise<unknown>): Promise<QuireError> {
  try {
    await work();
  } catch (error) {
    if (isQuireError(error)) return error;
    throw error;
  }
  throw new Error("expected a QuireError, but the call succeeded");
}

beforeAll(async () => {
  server = await startEvaluationTestServer((request) =>
    request.model === "slow" ? { ...echoReply(request), latencyMs: 150 } : undefined,
  );
  client = createQuireClient({ baseUrl: server.url, apiKey: server.keys.editor });
  await server.createPrompt("sdk/greet", "Greet {{name}}.");
}, 60_000);
afterAll(() => server?.close());

describe("the client's dataset methods", () => {
  it("create, list, read, describe, add, replace, page, delete", async () => {
    const created = await client.createDataset({ name: "sdk/one", description: "d" });
    expect(created).toMatchObject({ name: "sdk/one", caseCount: 0 });
    await client.addCases("sdk/one", [
      { id: "a", variables: { name: "Ada" } },
      { id: "b", variables: { name: "Bo" } },
    ]);
    expect((await client.getDataset("sdk/one")).caseCount).toBe(2);
    expect((await client.updateDataset("sdk/one", { description: "e" })).description).toBe("e");
    const names = [];
    for await (const dataset of client.iterateDatasets({ limit: 1 })) names.push(dataset.name);
    expect(names).toContain("sdk/one");
    const ids = [];
    for await (const testCase of client.iterateCases("sdk/one", { limit: 1 }))
      ids.push(testCase.id);
    expect(ids).toEqual(["a", "b"]);
    const conflict = await caught(() => client.addCases("sdk/one", [{ id: "a", variables: {} }]));
    expect(conflict.code).toBe("CONFLICT");
    await client.replaceCases("sdk/one", [{ id: "z", variables: { name: "Zed" } }]);
    expect((await client.deleteCase("sdk/one", "z")).variables).toEqual({ name: "Zed" });
    expect((await client.listCases("sdk/one")).items).toEqual([]);
    expect((await client.deleteDataset("sdk/one")).name).toBe("sdk/one");
    expect((await caught(() => client.getDataset("sdk/one"))).code).toBe("NOT_FOUND");
  });

  it("imports a file, exports it, and reports a bad file's row and column", async () => {
    await client.createDataset({ name: "sdk/files" });
    const imported = await client.importDataset("sdk/files", "__id,name\nx,Xi\ny,Yu\n", "csv");
    expect(imported).toEqual({ dataset: "sdk/files", imported: 2, caseCount: 2 });
    const text = await client.exportDataset("sdk/files", "json");
    expect(JSON.parse(text)).toHaveLength(2);
    const bad = await caught(() => client.importDataset("sdk/files", 'name\n"open\n', "csv"));
    expect(bad.code).toBe("VALIDATION_FAILED");
    expect(bad.details).toMatchObject({ row: 1 });
    expect((await client.getDataset("sdk/files")).caseCount).toBe(2);
  });

  it("saves a logged execution as a case", async () => {
    const [logged] = (
      await client.logExecutions([
        {
          promptName: "sdk/greet",
          model: "local/echo",
          success: true,
          metadata: { variables: { name: "Ex" } },
        },
      ])
    ).accepted;
    await server.quire.executionLog.flush();
    const saved = await client.saveExecutionAsCase("sdk/files", { executionId: logged?.id ?? "" });
    expect(saved).toMatchObject({ id: logged?.id, variables: { name: "Ex" } });
    savedCaseId = saved.id;
  });
});

describe("the client's eval run methods", () => {
  it("start, watch, read, page results, list and compare", async () => {
    const request = {
      prompts: ["sdk/greet@production"],
      models: ["local/echo"],
      dataset: "sdk/files",
      assertions: [{ type: "icontains", value: "greet" }],
    };
    const run = await client.startEvalRun(request, { idempotencyKey: "sdk-run-1" });
    expect(run.status).toBe("queued");
    // A retry with the same key starts nothing new: it is answered the first run.
    expect((await client.startEvalRun(request, { idempotencyKey: "sdk-run-1" })).id).toBe(run.id);
    const events: EvalRunEvent[] = [];
    for await (const event of client.watchEvalRun(run.id)) events.push(event);
    const last = events.at(-1);
    expect(last?.type).toBe("done");
    if (last?.type !== "done") throw new Error("no done event");
    expect(last.run).toMatchObject({ status: "completed", progress: { total: 3, passed: 3 } });
    expect((await client.getEvalRun(run.id)).summaries).toHaveLength(1);
    const results = [];
    for await (const result of client.iterateEvalResults(run.id, { limit: 2 }))
      results.push(result);
    expect(results.map((result) => result.caseId).sort()).toEqual(["x", "y", savedCaseId].sort());
    expect(
      (await client.listEvalRuns({ status: "completed" })).items.map((item) => item.id),
    ).toContain(run.id);
    const comparison = await client.compareEvalRuns(run.id, run.id);
    expect(comparison).toMatchObject({ paired: 3, regressed: [], improved: [] });
  });

  it("cancels a run, and refuses an unknown model before storing anything", async () => {
    const run = await client.startEvalRun({
      prompts: ["sdk/greet:1"],
      models: ["local/slow"],
      dataset: "sdk/files",
      concurrency: 1,
      repeat: 5,
    });
    const cancelled = await client.cancelEvalRun(run.id);
    expect(cancelled.status).toBe("cancelled");
    const refused = await caught(() =>
      client.startEvalRun({
        prompts: ["sdk/greet:1"],
        models: ["local/none"],
        dataset: "sdk/files",
      }),
    );
    expect(refused.code).toBe("VALIDATION_FAILED");
    expect((await client.listEvalRuns()).items).toHaveLength(2);
  });
});
