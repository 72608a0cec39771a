import {
  type AssertionResult,
  type AuditPage,
  type EvalResult,
  type EvalRun,
  type ProjectSettings,
  withModelOverrides,
} from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EvaluationTestServer,
  startEvaluationTestServer,
  waitForRun,
} from "./evaluation-test-server.js";

let server: EvaluationTestServer;
let lastResult: EvalResult | undefined;

/** Runs the dataset with these assertions on `local/echo` and answers case ada's results. */
async function runWith(assertions: unknown[]): Promise<AssertionResult[]> {
  const started = await server.request<EvalRun>("POST", "/v1/eval-runs", {
    body: {
      prompts: ["settings/greet@production"],
      models: ["local/echo"],
      dataset: "settings/people",
      assertions,
      cache: false,
    },
  });
  expect(started.status, started.text).toBe(202);
  const run = await waitForRun(server, started.body.id, (stored) => stored.status === "completed");
  const page = await server.request<{ items: EvalResult[] }>(
    "GET",
    `/v1/eval-runs/${run.id}/results`,
  );
  lastResult = page.body.items.find((result) => result.caseId === "ada");
  return (lastResult?.assertions ?? []) as AssertionResult[];
}

beforeAll(async () => {
  server = await startEvaluationTestServer(undefined, (registry) => ({
    evaluation: { embeddingModel: registry.embeddingModel("local/embed") },
    // $1 per input token, $2 per output token (quire.toml's [models] as the server has them).
    models: withModelOverrides({
      echo: { contextWindow: 8000, maxOutputTokens: 1000, price: { input: 1e6, output: 2e6 } },
    }),
  }));
  await server.createPrompt("settings/greet", "Greet {{name}}.");
  await server.request("POST", "/v1/datasets", {
    body: {
      name: "settings/people",
      cases: [{ id: "ada", variables: { name: "Ada" }, expected: "echo: Greet Ada." }],
    },
  });
}, 60_000);
afterAll(() => server?.close());

describe("javascript and similar assertions in server eval runs", () => {
  it("javascript is off by default: the assertion errors saying an admin can allow it; similar uses the server's embedding model", async () => {
    const settings = await server.request<ProjectSettings>("GET", "/v1/settings");
    expect(settings.body.allowJavaScriptAssertions).toBe(false);
    const [javascript, similar] = await runWith([
      { type: "javascript", value: "output.includes('Ada')" },
      { type: "similar", threshold: 0.99 },
    ]);
    expect(javascript).toMatchObject({ pass: false, errored: true });
    expect(javascript?.reason).toContain("an admin must allow them");
    expect(javascript?.reason).toContain("--allow-javascript-assertions on");
    expect(similar).toMatchObject({ pass: true });
    expect(similar?.errored).not.toBe(true);
    // Priced with the server's model table, not the built-in one (where echo has no price).
    expect(lastResult?.costUsd).toBeCloseTo(
      (lastResult?.inputTokens ?? 0) + 2 * (lastResult?.outputTokens ?? 0),
      6,
    );
  });

  it("an admin allows them (audited; an editor may not): they run in the sandbox with its time limit", async () => {
    const refused = await server.request("PUT", "/v1/settings", {
      key: server.keys.editor,
      body: { allowJavaScriptAssertions: true },
    });
    expect(refused.status).toBe(403);
    const changed = await server.request<ProjectSettings>("PUT", "/v1/settings", {
      body: { allowJavaScriptAssertions: true },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.allowJavaScriptAssertions).toBe(true);
    const audit = await server.request<AuditPage>("GET", "/v1/audit?action=settings.update");
    expect(audit.body.items[0]).toMatchObject({
      before: { allowJavaScriptAssertions: false },
      after: { allowJavaScriptAssertions: true },
    });

    const [passing, endless] = await runWith([
      { type: "javascript", value: "output.includes('Ada')" },
      { type: "javascript", value: "while (true) {}\nreturn true", options: { timeoutMs: 200 } },
    ]);
    expect(passing).toMatchObject({ pass: true, score: 1 });
    expect(endless).toMatchObject({ pass: false, errored: true });
    expect(endless?.reason).toContain("200 ms");
  });
});
