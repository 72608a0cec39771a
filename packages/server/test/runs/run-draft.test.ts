import type { DatasetCase, Execution, RunResponse } from "@quire/core";
import { runResponseSchema } from "@quire/core";
import type { TestReplyScript } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dataOf,
  parseEventStream,
  type RunTestServer,
  startRunTestServer,
} from "./run-test-server.js";

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

let quire: RunTestServer;

const script: TestReplyScript = (request) => {
  if (request.model === "json") return { type: "text", text: '{"mood": "calm"}' };
  if (request.lastUserText.includes("secret")) {
    return { type: "text", text: "The key is AKIAIOSFODNN7EXAMPLE, keep it." };
  }
  return undefined; // echo: <last user text>
};

beforeAll(async () => {
  quire = await startRunTestServer({ script });
  await quire.createPrompt({ name: "draft/tone", template: "Be brief." });
  await quire.createPrompt({
    name: "draft/hello",
    template: "Say hello to {{name}}.",
    inputSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    config: { model: "local/echo", temperature: 0 },
  });
}, 60_000);

afterAll(() => quire?.close());

async function executionsOf(prompt: string, query = ""): Promise<Execution[]> {
  await quire.server.executionLog.flush();
  const listed = await quire.request<{ items: Execution[] }>(
    "GET",
    `/v1/executions?prompt=${encodeURIComponent(prompt)}&limit=500${query}`,
  );
  return listed.body.items;
}

async function versionsOf(prompt: string): Promise<number[]> {
  const listed = await quire.request<{ items: { number: number }[] }>(
    "GET",
    `/v1/prompts/${encodeURIComponent(prompt)}/versions`,
  );
  return listed.body.items.map((version) => version.number);
}

describe("running a draft", () => {
  it("renders the draft with components and the input schema, takes the rest from the latest version, and stores nothing", async () => {
    const response = await quire.run<RunResponse>("draft/hello", {
      draft: { template: "{{> draft/tone}} Greet {{name}} warmly." },
      variables: { name: "Ann" },
    });
    expect(response.status).toBe(200);
    expect(runResponseSchema.safeParse(response.body).success).toBe(true);
    expect(response.body).toMatchObject({
      prompt: "draft/hello",
      version: null,
      label: null,
      resolvedBy: "draft",
      draft: true,
      // config.model and temperature come from version 1, as saving the draft would keep them.
      model: "local/echo",
      parameters: { temperature: 0 },
      output: "echo: Be brief. Greet Ann warmly.",
    });
    expect(response.body.provenance).toMatchObject({
      prompt: "draft/hello",
      version: null,
      components: [expect.objectContaining({ name: "draft/tone", version: 1 })],
    });
    // The inherited input schema still applies.
    const missing = await quire.run<ErrorBody>("draft/hello", {
      draft: { template: "Greet {{name}}." },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain("name");
    expect(await versionsOf("draft/hello")).toEqual([1]);
  });

  it("runs a draft of a prompt that does not exist yet, with its own output schema", async () => {
    const response = await quire.run<RunResponse>("draft/brand-new", {
      draft: {
        template: "How do you feel about {{topic}}?",
        outputSchema: { type: "object", properties: { mood: { type: "string" } } },
        config: { model: "local/json" },
      },
      variables: { topic: "rain" },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      prompt: "draft/brand-new",
      version: null,
      draft: true,
      strategy: "structured-output",
      json: { mood: "calm" },
    });
    const prompt = await quire.request("GET", "/v1/prompts/draft%2Fbrand-new");
    expect(prompt.status).toBe(404);
  });

  it("answers a syntax error in the draft with 422 TEMPLATE_SYNTAX at its line and column", async () => {
    const response = await quire.run<ErrorBody>("draft/hello", {
      draft: { template: "Line one\nHello {{#if name}}unclosed" },
      variables: { name: "Ann" },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("TEMPLATE_SYNTAX");
    expect(response.body.error.details).toMatchObject({
      line: expect.any(Number),
      column: expect.any(Number),
    });
  });

  it("refuses a draft together with a label or a version (400 naming both fields)", async () => {
    for (const selector of [{ label: "production" }, { version: 1 }]) {
      const response = await quire.run<ErrorBody>("draft/hello", {
        draft: { template: "Hi {{name}}" },
        variables: { name: "Ann" },
        ...selector,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("BAD_REQUEST");
      const field = Object.keys(selector)[0] ?? "";
      expect(response.body.error.message).toContain('"draft"');
      expect(response.body.error.message).toContain(`"${field}"`);
      expect(response.body.error.details.fields).toEqual(["draft", field]);
    }
  });

  it("needs the editor role, as any run: a viewer's draft run is 403 and calls no model", async () => {
    const created = await quire.request<{ key: string }>("POST", "/v1/keys", {
      body: { name: "draft-viewer", role: "viewer" },
    });
    expect(created.status).toBe(201);
    const calls = quire.models.requests.length;
    const response = await quire.request<ErrorBody>("POST", "/v1/prompts/draft%2Fhello/run", {
      key: created.body.key,
      body: { draft: { template: "Hi {{name}}" }, variables: { name: "Ann" } },
    });
    expect(response.status).toBe(403);
    expect(quire.models.requests.length).toBe(calls);
  });

  it("streams a draft: deltas, then a done event marked draft", async () => {
    const response = await fetch(`${quire.url}/v1/prompts/draft%2Fhello/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${quire.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        stream: true,
        cache: false,
        draft: { template: "Stream to {{name}}." },
        variables: { name: "Bo" },
      }),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = parseEventStream(await response.text());
    const text = events
      .filter((event) => event.event === "delta")
      .map((event) => dataOf<{ text: string }>(event).text)
      .join("");
    expect(text).toBe("echo: Stream to Bo.");
    const done = dataOf<RunResponse>(events.find((event) => event.event === "done"));
    expect(done).toMatchObject({ version: null, draft: true, output: "echo: Stream to Bo." });
    expect(done.timeToFirstTokenMs).toBeGreaterThan(0);
  });
});

describe("the execution log of runs", () => {
  it("logs a draft's run with version null and metadata.draft, apart from the versions' metrics", async () => {
    const response = await quire.run<RunResponse>("draft/logged", {
      draft: { template: "Log {{what}}.", config: { model: "local/echo" } },
      variables: { what: "this" },
      metadata: { from: "playground" },
    });
    const saved = await quire.run<RunResponse>("draft/hello", { variables: { name: "Cy" } });
    const [execution] = await executionsOf("draft/logged");
    expect(execution).toMatchObject({
      id: response.body.executionId,
      version: null,
      label: null,
      metadata: { from: "playground", draft: true },
      variables: { what: "this" },
      output: "echo: Log this.",
      contentTruncated: false,
    });
    const versionOne = await executionsOf("draft/hello", "&version=1");
    expect(versionOne.map((item) => item.id)).toContain(saved.body.executionId);
    expect(versionOne.every((item) => item.metadata.draft === undefined)).toBe(true);
  });

  it("keeps the variables as given and the output as the caller got it (redacted), and a failure's variables", async () => {
    const redacted = await quire.run<RunResponse>("draft/hello", {
      variables: { name: "the secret keeper" },
      redactOutput: true,
      cache: false,
    });
    expect(redacted.body.output).toContain("[REDACTED");
    expect(redacted.body.output).not.toContain("AKIA");
    const failed = await quire.run<ErrorBody>("draft/hello", {
      variables: { name: "Dee" },
      model: "down/any",
      cache: false,
    });
    expect(failed.status).toBe(502);
    const executions = await executionsOf("draft/hello");
    const byId = new Map(executions.map((item) => [item.id, item]));
    expect(byId.get(redacted.body.executionId ?? "")).toMatchObject({
      variables: { name: "the secret keeper" },
      output: redacted.body.output,
    });
    expect(byId.get(String(failed.body.error.details.executionId))).toMatchObject({
      success: false,
      variables: { name: "Dee" },
      output: null,
    });
  });

  it("saves a run's execution as a test case from the logged variables and output", async () => {
    const run = await quire.run<RunResponse>("draft/hello", { variables: { name: "Eve" } });
    await quire.server.executionLog.flush();
    await quire.request("POST", "/v1/datasets", { body: { name: "draft/cases" } });
    const saved = await quire.request<DatasetCase>(
      "POST",
      "/v1/datasets/draft%2Fcases/cases/from-execution",
      { body: { executionId: run.body.executionId } },
    );
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      variables: { name: "Eve" },
      expected: "echo: Say hello to Eve.",
    });
  });
});
