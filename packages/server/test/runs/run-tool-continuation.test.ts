import type { ServerResponse } from "node:http";
import type { Execution, RunResponse } from "@quire/core";
import { runResponseSchema } from "@quire/core";
import {
  startTestToolEndpoint,
  type TestReply,
  type TestRequest,
  type TestToolEndpoint,
  type ToolEndpointCall,
} from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dataOf,
  parseEventStream,
  type RunTestServer,
  startRunTestServer,
} from "./run-test-server.js";
import { messagesOf, textOf } from "./wire-messages.js";

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: { issues?: { path: string; message: string }[] };
  };
}

/** The tool endpoints on loopback: `/weather` answers at once; `/count` counts calls in flight. */
let tools: TestToolEndpoint | undefined;
const held: ServerResponse[] = [];
let quiet: NodeJS.Timeout | undefined;
let inFlight = 0;
let mostInFlight = 0;
let quire: RunTestServer;

/**
 * `/count` holds each call until no new one has come for a moment, then answers all it holds:
 * calls started together are all in flight at once, so `mostInFlight` shows the real bound.
 */
function answerTool(call: ToolEndpointCall, response: ServerResponse): void {
  if (call.path === "/weather") {
    response.end(JSON.stringify({ city: call.body.arguments.city, celsius: 21 }));
    return;
  }
  inFlight += 1;
  mostInFlight = Math.max(mostInFlight, inFlight);
  held.push(response);
  clearTimeout(quiet);
  quiet = setTimeout(() => {
    for (const waiting of held.splice(0)) {
      inFlight -= 1;
      waiting.end(JSON.stringify({ counted: true }));
    }
  }, 25);
}

/**
 * The scripted model: first the weather (server-side) and the calendar (the application's);
 * with the calendar's result, text — or, when the task says so, one more weather call first.
 */
function script(request: TestRequest): TestReply | undefined {
  const messages = messagesOf(request);
  const task = textOf(messages.find((message) => message.role === "user")?.content);
  const results = messages.filter((message) => message.role === "tool");
  const resultOf = (id: string) =>
    textOf(results.find((message) => message.tool_call_id === id)?.content);
  if (task.includes("many")) {
    if (results.length > 0) return { type: "text", text: `counted ${results.length}` };
    const calls = [1, 2, 3, 4, 5].map((n) => ({ id: `n${n}`, name: "counter", arguments: { n } }));
    return { type: "text", text: "", toolCalls: calls };
  }
  if (results.length === 0) {
    return {
      type: "text",
      text: "Let me look.",
      toolCalls: [
        { id: "call_paris", name: "weather", arguments: { city: "Paris" } },
        { id: "call_cal", name: "calendar", arguments: { day: "monday" } },
      ],
    };
  }
  if (task.includes("then Rome") && resultOf("call_rome") === "") {
    return {
      type: "text",
      text: "",
      toolCalls: [{ id: "call_rome", name: "weather", arguments: { city: "Rome" } }],
    };
  }
  const rome = resultOf("call_rome");
  return {
    type: "text",
    text: `Monday: ${resultOf("call_cal")}; Paris: ${resultOf("call_paris") || "unknown"}${rome === "" ? "" : `; Rome: ${rome}`}`,
  };
}

const calendar = {
  name: "calendar",
  description: "The user's calendar (the application runs it)",
  parameters: { type: "object", properties: { day: { type: "string" } }, required: ["day"] },
};
const agentConfig = {
  model: "local/backup",
  strategy: "tool-calling",
  tools: ["weather"],
  toolDefinitions: [calendar],
  params: { temperature: 0 },
};

beforeAll(async () => {
  tools = await startTestToolEndpoint(answerTool);
  const toolUrl = tools.url;
  const cityParameters = {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  };
  quire = await startRunTestServer({
    script,
    server: {
      toolCallsMaxParallel: 2,
      toolCallsMaxPerRound: 4,
      tools: [
        { name: "weather", parameters: cityParameters, url: `${toolUrl}/weather` },
        {
          name: "counter",
          parameters: { type: "object", properties: { n: { type: "number" } } },
          url: `${toolUrl}/count`,
        },
      ],
    },
  });
  await quire.createPrompt({ name: "agent/plan", template: "Task: {{task}}", config: agentConfig });
  await quire.createPrompt({
    name: "agent/counter",
    template: "Task: {{task}}",
    config: { model: "local/backup", strategy: "tool-calling", tools: ["counter"] },
  });
  await quire.createPrompt({
    name: "plain",
    template: "Task: {{task}}",
    config: { model: "local/backup" },
  });
}, 60_000);

afterAll(async () => {
  await quire?.close();
  await tools?.close();
});

const run = <Body = RunResponse>(name: string, body: Record<string, unknown>) =>
  quire.run<Body>(name, body);

async function executionOf(id: string | null): Promise<Execution> {
  await quire.server.executionLog.flush();
  const found = await quire.request<Execution>("GET", `/v1/executions/${id}`);
  expect(found.status).toBe(200);
  return found.body;
}

const calendarResult = { role: "tool", toolCallId: "call_cal", content: { busy: "9-12" } };

describe("continuing a tool-calling run with the application's tool results", () => {
  it("answers the calls with the conversation so far, then goes on from the results sent back", async () => {
    const first = await run("agent/plan", { variables: { task: "plan monday" } });
    expect(first.status).toBe(200);
    expect(first.body.toolCalls).toEqual([
      { id: "call_cal", name: "calendar", arguments: { day: "monday" } },
    ]);
    expect(first.body.continuation).toEqual([
      {
        role: "assistant",
        content: "Let me look.",
        toolCalls: [
          { id: "call_paris", name: "weather", arguments: { city: "Paris" } },
          { id: "call_cal", name: "calendar", arguments: { day: "monday" } },
        ],
      },
      { role: "tool", toolCallId: "call_paris", content: '{"city":"Paris","celsius":21}' },
    ]);
    // The conversation is answered once, in `continuation`; strategyResult keeps the trajectory.
    expect(first.body.strategyResult).toEqual({
      status: "client-tool-calls",
      rounds: 1,
      message: expect.stringContaining("The model called client-side tools (calendar)"),
      calls: [expect.objectContaining({ id: "call_paris", name: "weather", status: "ok" })],
    });
    // The stream's done event is the same answer (the first turn again, from the cache).
    const streamedFirst = await run<string>("agent/plan", {
      variables: { task: "plan monday" },
      stream: true,
    });
    const done = dataOf<RunResponse>(parseEventStream(streamedFirst.text).at(-1));
    expect(done.strategyResult).toEqual(first.body.strategyResult);
    expect(done.continuation).toEqual(first.body.continuation);

    const before = quire.models.requests.length;
    const messages = [...(first.body.continuation ?? []), calendarResult];
    const second = await run("agent/plan", { variables: { task: "plan monday" }, messages });
    expect(second.status).toBe(200);
    expect(runResponseSchema.safeParse(second.body).success).toBe(true);
    // The model was called again (not served the first turn's cached answer), with the results.
    expect(quire.models.requests.length).toBe(before + 1);
    const sent = messagesOf(quire.models.requests.at(-1) as TestRequest);
    expect(sent.map((message) => message.role)).toEqual(["user", "assistant", "tool", "tool"]);
    expect(sent[1]?.tool_calls?.map((call) => call.id)).toEqual(["call_paris", "call_cal"]);
    expect(sent[3]).toMatchObject({ tool_call_id: "call_cal", content: '{"busy":"9-12"}' });
    expect(second.body).toMatchObject({
      output: 'Monday: {"busy":"9-12"}; Paris: {"city":"Paris","celsius":21}',
      cacheHit: false,
      finishReason: "stop",
      strategyResult: { status: "answered", rounds: 1 },
    });
    expect(second.body.toolCalls).toBeUndefined();
    const record = await executionOf(second.body.executionId);
    expect(record.metadata).toMatchObject({
      quire: { strategy: "tool-calling", continuationMessages: 3 },
    });
    expect(record.variables).toEqual({ task: "plan monday" });
    expect(record.output).toBe(second.body.output);
  });

  it("takes the calls alone, and runs server-side calls the model makes next", async () => {
    const before = quire.models.requests.length;
    const response = await run("agent/plan", {
      variables: { task: "plan monday, then Rome" },
      cache: false,
      messages: [
        { role: "assistant", toolCalls: [{ id: "call_cal", name: "calendar", arguments: {} }] },
        calendarResult,
      ],
    });
    expect(response.status).toBe(200);
    expect(quire.models.requests.length).toBe(before + 2);
    expect(response.body).toMatchObject({
      output: 'Monday: {"busy":"9-12"}; Paris: unknown; Rome: {"city":"Rome","celsius":21}',
      usage: { modelCalls: 2 },
      strategyResult: {
        status: "answered",
        calls: [{ id: "call_rome", name: "weather", status: "ok" }],
      },
    });
  });

  it("continues a draft, and streams a continuation's answer", async () => {
    const messages = [
      { role: "assistant", toolCalls: [{ id: "call_cal", name: "calendar", arguments: {} }] },
      calendarResult,
    ];
    const draft = await run("agent/new", {
      draft: { template: "Task: {{task}}", config: agentConfig },
      variables: { task: "plan monday" },
      messages,
    });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ draft: true, output: expect.stringMatching(/^Monday: /) });

    const streamed = await run<string>("agent/plan", {
      variables: { task: "plan monday" },
      stream: true,
      messages,
    });
    expect(streamed.status).toBe(200);
    const events = parseEventStream(streamed.text);
    expect(events.map((event) => event.event)).toEqual(["delta", "done"]);
    expect(dataOf<RunResponse>(events[1]).output).toBe('Monday: {"busy":"9-12"}; Paris: unknown');
  });
});

describe("messages that cannot continue the run", () => {
  const calls = [{ id: "call_cal", name: "calendar", arguments: {} }];
  const cases: [string, string, Record<string, unknown>, string, RegExp][] = [
    [
      "a result for an id no call has",
      "agent/plan",
      {
        messages: [
          { role: "assistant", toolCalls: calls },
          { ...calendarResult, toolCallId: "x" },
        ],
      },
      "messages.1.toolCallId",
      /^answers call "x", which no assistant message in the request made \(calls of messages\[0\]: "call_cal"\); use the id/,
    ],
    [
      "a call without a result",
      "agent/plan",
      { messages: [{ role: "assistant", toolCalls: calls }] },
      "messages.0.toolCalls.0.id",
      /^call "call_cal" \(calendar\) has no result: add \{"role": "tool", "toolCallId": "call_cal"/,
    ],
    [
      "an unknown role",
      "agent/plan",
      { messages: [{ role: "user", content: "hi" }] },
      "messages.0.role",
      /^role must be "assistant" .* or "tool"/,
    ],
    [
      "a result that is null",
      "agent/plan",
      {
        messages: [
          { role: "assistant", toolCalls: calls },
          { ...calendarResult, content: null },
        ],
      },
      "messages.1.content",
      /^must be the tool's result: a string, or a JSON value/,
    ],
    [
      "a call of a tool the version does not have",
      "agent/plan",
      {
        messages: [
          { role: "assistant", toolCalls: [{ ...calls[0], name: "stocks" }] },
          calendarResult,
        ],
      },
      "messages.0.toolCalls.0.name",
      /^calls "stocks", which is not a tool of "agent\/plan" v1 \(its tools: weather, calendar\)/,
    ],
  ];

  it.each(cases)(
    "refuses %s with its path (422), calling no model and logging nothing",
    async (_, name, body, path, message) => {
      const calls = quire.models.requests.length;
      await quire.server.executionLog.flush();
      const logged = await quire.request<{ items: unknown[] }>("GET", "/v1/executions?limit=500");
      const response = await run<ErrorBody>(name, { variables: { task: "plan" }, ...body });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
      const issue = response.body.error.details.issues?.find((found) => found.path === path);
      expect(issue?.message).toMatch(message);
      expect(response.body.error.message).toContain(path);
      expect(quire.models.requests.length).toBe(calls);
      await quire.server.executionLog.flush();
      const after = await quire.request<{ items: unknown[] }>("GET", "/v1/executions?limit=500");
      expect(after.body.items.length).toBe(logged.body.items.length);
    },
  );

  it("refuses messages on a version that is not tool calling", async () => {
    const response = await run<ErrorBody>("plain", {
      variables: { task: "plan" },
      messages: [{ role: "assistant", toolCalls: calls }, calendarResult],
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe(
      'The request\'s messages continue a tool-calling conversation, and "plain" v1 runs the direct strategy: leave messages out, or run a version whose config.strategy is "tool-calling".',
    );
  });
});

describe("bounded tool calls in one model round", () => {
  it("runs at most [toolCalls] maxParallel at once and answers calls beyond maxPerRound with the limit", async () => {
    mostInFlight = 0;
    const response = await run("agent/counter", { variables: { task: "many" }, cache: false });
    expect(response.status).toBe(200);
    expect(mostInFlight).toBe(2);
    const calls = (response.body.strategyResult?.calls ?? []) as {
      status: string;
      result: string;
    }[];
    expect(calls.map((call) => call.status)).toEqual(["ok", "ok", "ok", "ok", "over-limit"]);
    expect(calls[4]?.result).toBe(
      'Error: the tool "counter" was not run: this round asked for 5 tool calls and at most 4 run per round. Ask again for the calls you still need, at most 4 at a time.',
    );
    // The model read all five results, the refusal included.
    expect(response.body.output).toBe("counted 5");
    const record = await executionOf(response.body.executionId);
    expect(record.metadata).toMatchObject({
      quire: { tools: { calls: { counter: { ok: 4, "over-limit": 1 } } } },
    });
  });
});

describe("the OpenAPI document", () => {
  it("describes messages and continuation on the run route", async () => {
    const document = await quire.request<{
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>("GET", "/openapi.json");
    const operation = document.body.paths["/v1/prompts/{name}/run"]?.post;
    expect(operation?.description).toContain("**Continuing with tool results**");
    const text = JSON.stringify(operation);
    expect(text).toContain('"toolCallId"');
    expect(text).toContain('"continuation"');
  });
});
