import type { Execution, RunResponse } from "@quire/core";
import { runResponseSchema } from "@quire/core";
import {
  startTestToolEndpoint,
  type TestReply,
  type TestRequest,
  type TestToolEndpoint,
} from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunTestServer, startRunTestServer } from "./run-test-server.js";
import { messagesOf, textOf } from "./wire-messages.js";

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** The operator's tool endpoints, on loopback: what Quire POSTed, and canned answers by path. */
let tools: TestToolEndpoint | undefined;
let quire: RunTestServer;

const cityParameters = {
  type: "object",
  properties: { city: { type: "string" } },
  required: ["city"],
};
const calendar = {
  name: "calendar",
  description: "The user's calendar (the application runs it)",
  parameters: { type: "object", properties: { day: { type: "string" } }, required: ["day"] },
};

/** The task the run was given (the first user message), whatever step the loop is at. */
function taskOf(request: TestRequest): string {
  return textOf(messagesOf(request).find((message) => message.role === "user")?.content);
}

/** ReAct: how many observations the model has been sent so far. */
function observationsOf(request: TestRequest): number {
  return messagesOf(request).filter(
    (message) => message.role === "user" && textOf(message.content).startsWith("Observation:"),
  ).length;
}

const act = (tool: string, input: string): TestReply => ({
  type: "text",
  text: `Thought: I should use ${tool}.\nAction: ${tool}\nAction Input: ${input}`,
});

/** What the scripted model does in each ReAct scenario, step by step. */
const reactScenarios: Record<string, (step: number) => TestReply> = {
  "weather in Paris": (step) =>
    step === 0
      ? act("weather", '{"city": "Paris"}')
      : { type: "text", text: "Thought: I know now.\nFinal Answer: 21 °C in Paris" },
  "everything fails": (step) =>
    [
      act("broken", '{"city": "Oslo"}'),
      act("slow", '{"city": "Oslo"}'),
      act("teleport", '{"to": "Oslo"}'),
      { type: "text", text: "Final Answer: I could not find out." } as TestReply,
    ][step] ?? { type: "text", text: "Final Answer: (script ran out)" },
  "keeps going": () => act("weather", '{"city": "Rome"}'),
};

function script(request: TestRequest): TestReply | undefined {
  const task = taskOf(request);
  const scenario = Object.entries(reactScenarios).find(([key]) => task.includes(key));
  if (scenario !== undefined) return scenario[1](observationsOf(request));
  const results = messagesOf(request).filter((message) => message.role === "tool");
  if (task.includes("tool calling")) {
    return results.length === 0
      ? {
          type: "text",
          text: "",
          toolCalls: [
            { id: "call_paris", name: "weather", arguments: { city: "Paris" } },
            { id: "call_cal", name: "calendar", arguments: { day: "monday" } },
          ].filter((call) => task.includes("calendar") || call.name === "weather"),
        }
      : { type: "text", text: `Done: ${textOf(results[0]?.content)}` };
  }
  return undefined;
}

beforeAll(async () => {
  tools = await startTestToolEndpoint((call, response) => {
    if (call.path === "/weather") {
      response.end(JSON.stringify({ city: call.body.arguments.city, celsius: 21 }));
    } else if (call.path === "/fail") {
      response.statusCode = 500;
      response.end("upstream exploded");
    }
    // /silent never answers: the tool's timeoutMs ends the call.
  });
  const toolUrl = tools.url;
  process.env.QUIRE_TEST_TOOL_KEY = "tool-key-from-environment";
  quire = await startRunTestServer({
    script,
    server: {
      tools: [
        {
          name: "weather",
          description: "Current weather in a city",
          parameters: cityParameters,
          url: `${toolUrl}/weather`,
          headers: { "X-Tool-Key": "QUIRE_TEST_TOOL_KEY" },
        },
        { name: "broken", parameters: cityParameters, url: `${toolUrl}/fail` },
        { name: "slow", parameters: cityParameters, url: `${toolUrl}/silent`, timeoutMs: 200 },
      ],
    },
  });
  const agent = (name: string, config: Record<string, unknown>) =>
    quire.createPrompt({
      name,
      template: "Task: {{task}}",
      config: { model: "local/backup", ...config },
    });
  await agent("agent/react", {
    strategy: "react",
    maxSteps: 4,
    tools: ["weather", "broken", "slow"],
  });
  await agent("agent/calling", { strategy: "tool-calling", tools: ["weather"] });
  await agent("agent/client", {
    strategy: "tool-calling",
    tools: ["weather"],
    toolDefinitions: [calendar],
  });
}, 60_000);

afterAll(async () => {
  await quire?.close();
  await tools?.close();
});

async function executionOf(id: string | null): Promise<Execution> {
  await quire.server.executionLog.flush();
  const found = await quire.request<Execution>("GET", `/v1/executions/${id}`);
  expect(found.status).toBe(200);
  return found.body;
}

const run = (name: string, task: string, body: Record<string, unknown> = {}) =>
  quire.run<RunResponse>(name, { variables: { task }, cache: false, ...body });

describe("ReAct on /run with the operator's tools", () => {
  it("calls the configured endpoint and answers the trajectory; the execution keeps a summary", async () => {
    const before = tools?.calls.length ?? 0;
    const response = await run("agent/react", "weather in Paris");
    expect(response.status).toBe(200);
    expect(runResponseSchema.safeParse(response.body).success).toBe(true);
    expect(response.body).toMatchObject({
      output: "21 °C in Paris",
      strategy: "react",
      usage: { modelCalls: 2 },
      strategyResult: {
        status: "answered",
        steps: [
          {
            step: 1,
            thought: "I should use weather.",
            action: { tool: "weather", arguments: { city: "Paris" } },
            observation: '{"city":"Paris","celsius":21}',
            outcome: "ok",
          },
          { step: 2, thought: "I know now.", finalAnswer: "21 °C in Paris" },
        ],
      },
    });
    expect(tools?.calls.slice(before)).toEqual([
      {
        path: "/weather",
        headers: expect.objectContaining({ "x-tool-key": "tool-key-from-environment" }),
        body: { name: "weather", arguments: { city: "Paris" } },
      },
    ]);
    const record = await executionOf(response.body.executionId);
    expect(record.metadata).toEqual({
      quire: {
        strategy: "react",
        tools: { status: "answered", steps: 2, calls: { weather: { ok: 1 } } },
      },
    });
  });

  it("turns a failing endpoint, a timeout and an unknown tool into observations the model acts on", async () => {
    const response = await run("agent/react", "everything fails");
    expect(response.status).toBe(200);
    const steps = (response.body.strategyResult?.steps ?? []) as Record<string, unknown>[];
    expect(steps.map((step) => [step.outcome, step.observation])).toEqual([
      [
        "tool-error",
        'Error: the tool "broken" failed: the endpoint answered HTTP 500: upstream exploded',
      ],
      ["tool-error", 'Error: the tool "slow" failed: the endpoint did not answer within 200 ms'],
      [
        "unknown-tool",
        'Error: there is no tool named "teleport". Available tools: weather, broken, slow.',
      ],
      [undefined, undefined],
    ]);
    expect(response.body.output).toBe("I could not find out.");
    const record = await executionOf(response.body.executionId);
    expect(record.success).toBe(true);
    expect(record.metadata).toMatchObject({
      quire: {
        tools: {
          calls: {
            broken: { "tool-error": 1 },
            slow: { "tool-error": 1 },
            teleport: { "unknown-tool": 1 },
          },
        },
      },
    });
  });

  it("stops at maxSteps with the status in strategyResult, not an error", async () => {
    const response = await run("agent/react", "keeps going");
    expect(response.status).toBe(200);
    expect(response.body.output).toBe("");
    expect(response.body.usage.modelCalls).toBe(4);
    expect(response.body.strategyResult).toMatchObject({
      status: "max-steps",
      message: expect.stringMatching(/^ReAct stopped after 4 steps/),
    });
  });
});

describe("tool calling on /run", () => {
  it("runs the model's calls of configured tools and sends the results back", async () => {
    const response = await run("agent/calling", "tool calling: weather");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      output: 'Done: {"city":"Paris","celsius":21}',
      strategy: "tool-calling",
      usage: { modelCalls: 2 },
      strategyResult: {
        status: "answered",
        rounds: 2,
        calls: [
          {
            round: 1,
            id: "call_paris",
            name: "weather",
            arguments: { city: "Paris" },
            status: "ok",
            result: '{"city":"Paris","celsius":21}',
          },
        ],
      },
    });
    expect(response.body.toolCalls).toBeUndefined();
    const first = quire.models.requests.at(-2)?.body as {
      tools?: { function: { name: string } }[];
    };
    expect(first.tools?.map((tool) => tool.function.name)).toEqual(["weather"]);
  });

  it("answers calls of client-side tools (config.toolDefinitions) to the caller after running its own", async () => {
    const response = await run("agent/client", "tool calling: weather and calendar");
    expect(response.status).toBe(200);
    expect(runResponseSchema.safeParse(response.body).success).toBe(true);
    expect(response.body.toolCalls).toEqual([
      { id: "call_cal", name: "calendar", arguments: { day: "monday" } },
    ]);
    expect(response.body.usage.modelCalls).toBe(1);
    expect(response.body.finishReason).toBe("tool-calls");
    expect(response.body.strategyResult).toMatchObject({
      status: "client-tool-calls",
      calls: [{ id: "call_paris", status: "ok" }],
    });
    // The conversation after the render, once, for the application to append the calendar's
    // result and go on: in `continuation`, not repeated in strategyResult.
    expect(response.body.continuation?.map((message) => message.role)).toEqual([
      "assistant",
      "tool",
    ]);
    expect(response.body.strategyResult).not.toHaveProperty("messages");
    const record = await executionOf(response.body.executionId);
    // Only the summary: neither the conversation nor the calls' arguments or results.
    expect((record.metadata.quire as Record<string, unknown>).tools).toEqual({
      status: "client-tool-calls",
      rounds: 1,
      calls: { weather: { ok: 1 }, calendar: { "client-side": 1 } },
    });
  });
});

describe("tools a version may not use", () => {
  it("refuses a version naming an unconfigured tool (422 listing the configured ones), storing nothing", async () => {
    const created = await quire.request<ErrorBody>("POST", "/v1/prompts", {
      body: {
        name: "agent/typo",
        template: "Task: {{task}}",
        config: { model: "local/backup", strategy: "react", tools: ["wether"] },
      },
    });
    expect(created.status).toBe(422);
    expect(created.body.error.message).toBe(
      'config.tools of the new version of "agent/typo" names "wether", which is not a configured tool (configured tools: weather, broken, slow). Configure it as a [[tools]] table in quire.toml, or declare it in config.toolDefinitions for the application to run. Did you mean "weather"?',
    );
    expect((await quire.request("GET", "/v1/prompts/agent%2Ftypo")).status).toBe(404);
  });

  it("refuses to run a draft naming an unconfigured tool, or ReAct with no tools, before any model call", async () => {
    const calls = quire.models.requests.length;
    const draft = await quire.run<ErrorBody>("agent/draft", {
      draft: {
        template: "Task",
        config: { model: "local/backup", strategy: "tool-calling", tools: ["stocks"] },
      },
    });
    expect(draft.status).toBe(422);
    expect(draft.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { unknown: ["stocks"], configured: ["weather", "broken", "slow"] },
    });
    const bare = await quire.run<ErrorBody>("agent/draft", {
      draft: { template: "Task", config: { model: "local/backup", strategy: "react" } },
    });
    expect(bare.status).toBe(422);
    expect(bare.body.error.message).toMatch(
      /^The react strategy of the draft of "agent\/draft" needs tools, and its config names none/,
    );
    expect(quire.models.requests.length).toBe(calls);
  });
});
