import type { ErrorResponse, EvalResult, EvalRun, EvalRunComparison } from "@quire/core";
import { echoReply, type TestReplyScript } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EvaluationTestServer,
  readEvents,
  startEvaluationTestServer,
  waitForRun,
} from "./evaluation-test-server.js";

/**
 * `slow` answers after 150 ms; `broken` fails (500) for anyone named Bo; `judge` gives a verdict
 * only under the versioned judge prompt (JUDGE-V1), garbage otherwise; others echo.
 */
const script: TestReplyScript = (request) => {
  if (request.model === "judge") {
    return request.lastUserText.includes("JUDGE-V1")
      ? { type: "text", text: '{"pass": true, "score": 0.9, "reason": "polite enough"}' }
      : { type: "text", text: "I would rather not say." };
  }
  if (request.model === "slow") return { ...echoReply(request), latencyMs: 150 };
  if (request.model === "broken" && request.lastUserText.includes("Bo")) {
    return { type: "error", status: 500, message: "The server had an error." };
  }
  return undefined;
};

let server: EvaluationTestServer;
const finished = (run: EvalRun) => ["completed", "cancelled", "failed"].includes(run.status);

async function startRun(body: Record<string, unknown>) {
  return server.request<EvalRun & ErrorResponse>("POST", "/v1/eval-runs", { body });
}

async function allResults(id: string): Promise<EvalResult[]> {
  const page = await server.request<{ items: EvalResult[] }>(
    "GET",
    `/v1/eval-runs/${id}/results?limit=500`,
  );
  return page.body.items;
}

beforeAll(async () => {
  server = await startEvaluationTestServer(script);
  await server.createPrompt("eval/greet", "Greet {{name}}.");
  await server.request("POST", "/v1/datasets", {
    body: {
      name: "runs/people",
      cases: [
        { id: "ada", variables: { name: "Ada" } },
        { id: "bo", variables: { name: "Bo" }, assertions: [{ type: "contains", value: "Zed" }] },
        { id: "cy", variables: { name: "Cy" } },
      ],
    },
  });
  await server.request("POST", "/v1/datasets", {
    body: {
      name: "runs/many",
      cases: Array.from({ length: 12 }, (_, index) => ({
        id: `m${index}`,
        variables: { name: `M${index}` },
      })),
    },
  });
}, 60_000);
afterAll(() => server?.close());

describe("an eval run", () => {
  let first: EvalRun;

  it("answers 202 queued, streams progress, and completes with results and summaries", async () => {
    const started = await startRun({
      prompts: ["eval/greet@production"],
      models: ["local/echo"],
      dataset: "runs/people",
      assertions: [{ type: "icontains", value: "greet" }],
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      status: "queued",
      caseCount: 3,
      progress: { total: 3, done: 0 },
      plan: { prompts: [{ reference: "eval/greet@production", id: "eval/greet:1", version: 1 }] },
    });
    expect(started.headers.get("location")).toBe(`/v1/eval-runs/${started.body.id}`);
    const events = await readEvents(
      `${server.url}/v1/eval-runs/${started.body.id}/events`,
      server.keys.viewer,
    );
    expect(events.at(-1)?.event).toBe("done");
    expect(events.some((event) => event.event === "progress")).toBe(true);
    first = events.at(-1)?.data as EvalRun;
    expect(first.status).toBe("completed");
    expect(first.progress).toEqual({ total: 3, done: 3, passed: 2, failed: 1, errored: 0 });
    expect(first.summaries).toEqual([
      expect.objectContaining({
        promptId: "eval/greet:1",
        modelId: "local/echo",
        passed: 2,
        failed: 1,
      }),
    ]);
    const results = await allResults(first.id);
    expect(results.map((result) => [result.caseId, result.status]).sort()).toEqual([
      ["ada", "passed"],
      ["bo", "failed"],
      ["cy", "passed"],
    ]);
    expect(results.find((result) => result.caseId === "ada")?.output).toBe("echo: Greet Ada.");
    const page = await server.request<{ items: EvalResult[]; nextCursor: string | null }>(
      "GET",
      `/v1/eval-runs/${first.id}/results?limit=2`,
    );
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).not.toBeNull();
  });

  it("keeps its snapshot when the dataset changes, and compares with a later version", async () => {
    await server.request("POST", "/v1/prompts/eval%2Fgreet/versions", {
      body: { template: "Hello {{name}}." },
    });
    await server.request("DELETE", "/v1/datasets/runs%2Fpeople/cases/cy");
    const stored = await server.request<EvalRun>("GET", `/v1/eval-runs/${first.id}`);
    expect(stored.body.caseCount).toBe(3);
    const second = await startRun({
      prompts: ["eval/greet:2"],
      models: ["local/echo"],
      dataset: "runs/people",
      assertions: [{ type: "icontains", value: "greet" }],
    });
    expect(second.status).toBe(202);
    const done = await waitForRun(server, second.body.id, finished);
    expect(done.progress).toMatchObject({ total: 2, passed: 0, failed: 2 });
    const comparison = await server.request<EvalRunComparison>(
      "GET",
      `/v1/eval-runs/compare?baseline=${first.id}&candidate=${done.id}`,
    );
    expect(comparison.status).toBe(200);
    expect(comparison.body.paired).toBe(2);
    expect(comparison.body.regressed.map((change) => change.caseId)).toEqual(["ada"]);
    expect(comparison.body.improved).toEqual([]);
    const unknown = await server.request(
      "GET",
      `/v1/eval-runs/compare?baseline=nope&candidate=${done.id}`,
    );
    expect(unknown.status).toBe(422);
  });

  it("marks the cells whose provider fails as errored and completes", async () => {
    const started = await startRun({
      prompts: ["eval/greet:1"],
      models: ["local/broken"],
      dataset: "runs/many",
    });
    const done = await waitForRun(server, started.body.id, finished);
    expect(done.status).toBe("completed");
    expect(done.progress).toMatchObject({ total: 12, done: 12, errored: 0 });
    const mixed = await startRun({
      prompts: ["eval/greet:1"],
      models: ["local/broken"],
      dataset: "runs/people",
    });
    const mixedDone = await waitForRun(server, mixed.body.id, finished);
    expect(mixedDone.status).toBe("completed");
    expect(mixedDone.progress).toMatchObject({ total: 2, errored: 1 });
    const errored = (await allResults(mixed.body.id)).find((result) => result.status === "errored");
    expect(errored?.caseId).toBe("bo");
    expect(errored?.error?.class).toBe("provider-error");
  });

  it("stops when cancelled halfway, keeping the finished cells", async () => {
    const started = await startRun({
      prompts: ["eval/greet:1"],
      models: ["local/slow"],
      dataset: "runs/many",
      concurrency: 1,
    });
    await waitForRun(server, started.body.id, (run) => run.progress.done >= 2);
    const cancelled = await server.request<EvalRun>(
      "POST",
      `/v1/eval-runs/${started.body.id}/cancel`,
      {
        key: server.keys.editor,
      },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await server.request<EvalRun>("GET", `/v1/eval-runs/${started.body.id}`);
    expect(after.body.status).toBe("cancelled");
    expect(after.body.progress.done).toBeGreaterThanOrEqual(2);
    expect(after.body.progress.done).toBeLessThan(12);
    expect(await allResults(started.body.id)).toHaveLength(after.body.progress.done);
    const events = await readEvents(
      `${server.url}/v1/eval-runs/${started.body.id}/events`,
      server.keys.viewer,
    );
    expect(events.map((event) => event.event)).toEqual(["progress", "done"]);
    const viewerCancel = await server.request("POST", `/v1/eval-runs/${started.body.id}/cancel`, {
      key: server.keys.viewer,
    });
    expect(viewerCancel.status).toBe(403);
  });
});

describe("a run with a judge", () => {
  it("grades llm-rubric with the run's judge and its versioned judge prompt", async () => {
    await server.createPrompt("judges/rubric", "JUDGE-V1 Grade {{output}} against: {{rubric}}");
    const body = {
      prompts: ["eval/greet:1"],
      models: ["local/echo"],
      dataset: "runs/people",
      assertions: [{ type: "llm-rubric", value: "is polite" }],
      judge: "local/judge",
    };
    const versioned = await startRun({
      ...body,
      judgePrompts: { llmRubric: "judges/rubric@production" },
    });
    expect(versioned.status).toBe(202);
    expect(versioned.body.plan.judgePrompts?.llmRubric).toMatchObject({ id: "judges/rubric:1" });
    const graded = await waitForRun(server, versioned.body.id, finished);
    expect(graded.progress).toMatchObject({ total: 2, passed: 1, failed: 1 });
    const ada = (await allResults(graded.id)).find((result) => result.caseId === "ada");
    expect(ada?.assertions[0]).toMatchObject({ type: "llm-rubric", pass: true, score: 0.9 });

    const builtIn = await startRun(body);
    const garbage = await waitForRun(server, builtIn.body.id, finished);
    expect(garbage.progress).toMatchObject({ passed: 0, errored: 0 });
    const reason = (await allResults(garbage.id))[0]?.assertions[0] as {
      errored?: boolean;
      reason: string;
    };
    expect(reason.errored).toBe(true);
    expect(reason.reason).toContain("did not answer with JSON");
  });
});

describe("a run that cannot start", () => {
  const base = {
    prompts: ["eval/greet@production"],
    models: ["local/echo"],
    dataset: "runs/people",
  };
  const refused: [string, Record<string, unknown>, string][] = [
    ["an unknown dataset", { ...base, dataset: "runs/none" }, "dataset"],
    ["an unknown model", { ...base, models: ["local/echo", "local/nope"] }, "models"],
    ["an unknown prompt", { ...base, prompts: ["eval/none@production"] }, "prompts[0]"],
    ["an unknown label", { ...base, prompts: ["eval/greet@nope"] }, "prompts[0]"],
    ["an unknown version", { ...base, prompts: ["eval/greet:99"] }, "prompts[0]"],
    [
      "an unknown assertion type",
      { ...base, assertions: [{ type: "containz", value: "x" }] },
      "assertions",
    ],
    ["an unknown judge", { ...base, judge: "local/none" }, "judge"],
    [
      "the same version twice",
      { ...base, prompts: ["eval/greet@production", "eval/greet:1"] },
      "prompts[1]",
    ],
    ["the same model twice", { ...base, models: ["local/echo", "local/echo"] }, "models[1]"],
    [
      "an unknown judge prompt",
      { ...base, judgePrompts: { factuality: "judges/none" } },
      "judgePrompts.factuality",
    ],
  ];

  it.each(refused)(
    "is refused with 422 for %s, and nothing is stored",
    async (_what, body, field) => {
      const before = await server.request<{ items: EvalRun[] }>("GET", "/v1/eval-runs?limit=500");
      const response = await startRun(body);
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
      expect(JSON.stringify(response.body.error)).toContain(field);
      const after = await server.request<{ items: EvalRun[] }>("GET", "/v1/eval-runs?limit=500");
      expect(after.body.items).toHaveLength(before.body.items.length);
    },
  );

  it("answers 404 for an unknown run", async () => {
    expect((await server.request("GET", "/v1/eval-runs/run_nope")).status).toBe(404);
    expect((await server.request("GET", "/v1/eval-runs/run_nope/events")).status).toBe(404);
    expect((await server.request("POST", "/v1/eval-runs/run_nope/cancel")).status).toBe(404);
  });
});
