import type { EvalResult, EvalRun } from "@quire/core";
import {
  startTestToolEndpoint,
  type TestReply,
  type TestRequest,
  type TestToolEndpoint,
} from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolRegistry } from "../../src/tools/tool-registry.js";
import {
  type EvaluationTestServer,
  startEvaluationTestServer,
  waitForRun,
} from "./evaluation-test-server.js";

/** The operator's weather endpoint on loopback, and the calls Quire POSTed to it. */
let tools: TestToolEndpoint | undefined;
let server: EvaluationTestServer;

function bodyText(request: TestRequest): string {
  return JSON.stringify(request.body);
}

/** ReAct: act once, then answer from the observation; tool calling: call the client-side tool. */
function script(request: TestRequest): TestReply | undefined {
  const body = request.body as { tools?: unknown[] };
  if (body.tools !== undefined && body.tools.length > 0) {
    return {
      type: "text",
      text: "",
      toolCalls: [{ id: "call_1", name: "book_table", arguments: { city: "Paris", people: 2 } }],
    };
  }
  if (!bodyText(request).includes("Action Input")) return undefined;
  // The tool's answer, sent back as the observation, holds "celsius".
  return bodyText(request).includes("celsius")
    ? { type: "text", text: "Thought: done\nFinal Answer: 21 °C in Paris" }
    : {
        type: "text",
        text: 'Thought: look it up\nAction: weather\nAction Input: {"city": "Paris"}',
      };
}

async function createVersion(name: string, config: Record<string, unknown>): Promise<void> {
  const created = await server.request("POST", "/v1/prompts", {
    body: { name, template: "Weather in {{city}}?", config, labels: ["production"] },
  });
  if (created.status !== 201) throw new Error(`creating ${name}: ${created.text}`);
}

beforeAll(async () => {
  tools = await startTestToolEndpoint((call, response) => {
    response.end(JSON.stringify({ city: call.body.arguments.city, celsius: 21 }));
  });
  const toolUrl = tools.url;
  server = await startEvaluationTestServer(script, () => ({
    tools: new ToolRegistry([
      {
        name: "weather",
        parameters: {
          type: "object",
          properties: { city: { type: "string" } },
          required: ["city"],
        },
        url: `${toolUrl}/weather`,
      },
    ]),
  }));
  await createVersion("tools/react", { strategy: "react", maxSteps: 3, tools: ["weather"] });
  await createVersion("tools/client", {
    strategy: "tool-calling",
    toolDefinitions: [
      {
        name: "book_table",
        parameters: {
          type: "object",
          properties: { city: { type: "string" }, people: { type: "integer" } },
        },
      },
    ],
  });
  await server.request("POST", "/v1/datasets", {
    body: { name: "tools/cities", cases: [{ id: "paris", variables: { city: "Paris" } }] },
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await tools?.close();
});

describe("eval runs of versions with tools", () => {
  it("runs ReAct with the server's [[tools]] and gives client-side tool calls as JSON output", async () => {
    const started = await server.request<EvalRun>("POST", "/v1/eval-runs", {
      body: {
        prompts: ["tools/react@production", "tools/client@production"],
        models: ["local/echo"],
        dataset: "tools/cities",
        assertions: [{ type: "is-json" }],
        cache: false,
      },
    });
    expect(started.status, started.text).toBe(202);
    const run = await waitForRun(
      server,
      started.body.id,
      (stored) => stored.status === "completed",
    );
    const page = await server.request<{ items: EvalResult[] }>(
      "GET",
      `/v1/eval-runs/${run.id}/results`,
    );
    const react = page.body.items.find((result) => result.promptId.includes("tools/react"));
    const client = page.body.items.find((result) => result.promptId.includes("tools/client"));
    expect(tools?.calls.map((call) => call.body.arguments)).toEqual([{ city: "Paris" }]);
    expect(react).toMatchObject({ output: "21 °C in Paris", status: "failed" });
    expect(react?.error).toBeUndefined();
    expect(client?.status).toBe("passed");
    expect(JSON.parse(client?.output ?? "")).toEqual([
      { name: "book_table", arguments: { city: "Paris", people: 2 } },
    ]);
  });
});
