import { isQuireError, type RunResponse, type RunStreamEvent } from "@quire/core";
import { describe, expect, test } from "vitest";
import { useCannedClients } from "../test/canned-client.js";

const clientAnswering = useCannedClients();

const answer: RunResponse = {
  prompt: "support/triage",
  version: 3,
  label: "production",
  resolvedBy: "label",
  draft: false,
  output: "hello",
  model: "local/echo",
  servedBy: "local/echo",
  failures: [],
  strategy: "direct",
  finishReason: "stop",
  parameters: { temperature: 0 },
  usage: { inputTokens: 4, outputTokens: 1, cachedInputTokens: 0, estimated: false, modelCalls: 1 },
  cost: null,
  cacheHit: false,
  latencyMs: 3.5,
  timeToFirstTokenMs: null,
  provenance: { prompt: "support/triage", version: 3, components: [] },
  executionId: "e-1",
};

const providerError = {
  code: "PROVIDER_ERROR",
  message: "local/echo failed",
  details: { errorClass: "unavailable", executionId: "e-2" },
};

function events(...list: [string, unknown][]): string {
  return list.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join("");
}

async function collect(stream: AsyncIterable<RunStreamEvent>): Promise<RunStreamEvent[]> {
  const seen: RunStreamEvent[] = [];
  for await (const event of stream) seen.push(event);
  return seen;
}

describe("runPrompt", () => {
  test("posts the run to the prompt's encoded path and validates the answer", async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: answer }));
    const result = await client.runPrompt("support/triage", {
      variables: { ticket: "late" },
      model: "local/echo",
      params: { temperature: 0 },
      fallback: ["local/backup", { model: "other/m", timeoutMs: 500 }],
      cache: false,
      userId: "u1",
    });
    expect(result).toEqual(answer);
    expect(requests[0]).toMatchObject({
      method: "POST",
      url: "/v1/prompts/support%2Ftriage/run",
      body: {
        variables: { ticket: "late" },
        model: "local/echo",
        params: { temperature: 0 },
        fallback: ["local/backup", { model: "other/m", timeoutMs: 500 }],
        cache: false,
        userId: "u1",
      },
    });
  });

  test("sends the tool results of a continuation, and reads the calls and continuation answered", async () => {
    const calls = [{ id: "call_1", name: "calendar", arguments: { day: "monday" } }];
    const continuation = [{ role: "assistant" as const, toolCalls: calls }];
    const { client, requests } = await clientAnswering(() => ({
      status: 200,
      body: { ...answer, strategy: "tool-calling", toolCalls: calls, continuation },
    }));
    const first = await client.runPrompt("agent", { variables: { task: "plan" } });
    expect(first.continuation).toEqual(continuation);
    const messages = [
      ...(first.continuation ?? []),
      { role: "tool" as const, toolCallId: "call_1", content: { busy: true } },
    ];
    await client.runPrompt("agent", { variables: { task: "plan" }, messages });
    expect(requests[1]?.body).toEqual({ variables: { task: "plan" }, messages });
  });

  test("throws the server's PROVIDER_ERROR with its class and execution id", async () => {
    const { client } = await clientAnswering(() => ({
      status: 502,
      body: { error: providerError },
    }));
    const error = await client.runPrompt("p").catch((caught: unknown) => caught);
    expect(isQuireError(error) && error.code).toBe("PROVIDER_ERROR");
    expect(isQuireError(error) && error.details).toMatchObject({ errorClass: "unavailable" });
  });

  test("refuses a label and a version together before sending anything", async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: answer }));
    await expect(client.runPrompt("p", { label: "staging", version: 2 })).rejects.toThrow(
      /either a label/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe("running a draft", () => {
  const draftAnswer: RunResponse = {
    ...answer,
    version: null,
    label: null,
    resolvedBy: "draft",
    draft: true,
    provenance: { prompt: "support/triage", version: null, components: [] },
  };
  const draft = {
    template: "Triage {{ticket}}",
    config: { model: "local/echo" },
    outputSchema: null,
  };

  test("runPrompt and streamPrompt send the draft and accept a draft's answer", async () => {
    const { client, requests } = await clientAnswering((request) =>
      request.headers.accept === "text/event-stream"
        ? { status: 200, body: events(["delta", { text: "hello" }], ["done", draftAnswer]) }
        : { status: 200, body: draftAnswer },
    );
    expect(await client.runPrompt("support/triage", { draft, variables: { ticket: "t" } })).toEqual(
      draftAnswer,
    );
    expect(await collect(client.streamPrompt("support/triage", { draft }))).toEqual([
      { type: "delta", text: "hello" },
      { type: "done", result: draftAnswer },
    ]);
    expect(requests[0]?.body).toEqual({ variables: { ticket: "t" }, draft });
    expect(requests[1]?.body).toEqual({ variables: {}, draft, stream: true });
  });

  test("refuses a draft with a label or a version before sending anything", async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: answer }));
    await expect(client.runPrompt("p", { draft, label: "staging" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: { fields: ["draft", "label"] },
    });
    // streamPrompt checks its options when called, as it does for a label and a version.
    expect(() => client.streamPrompt("p", { draft, version: 2 })).toThrow(/draft or a version/);
    expect(requests).toHaveLength(0);
  });
});

describe("streamPrompt", () => {
  test("asks for a stream and yields the deltas, then the answer", async () => {
    const { client, requests } = await clientAnswering(() => ({
      status: 200,
      body: events(["delta", { text: "hel" }], ["delta", { text: "lo" }], ["done", answer]),
    }));
    expect(await collect(client.streamPrompt("support/triage"))).toEqual([
      { type: "delta", text: "hel" },
      { type: "delta", text: "lo" },
      { type: "done", result: answer },
    ]);
    expect(requests[0]?.body).toEqual({ variables: {}, stream: true });
    expect(requests[0]?.headers.accept).toBe("text/event-stream");
  });

  test("throws an error event as a QuireError after the text already yielded", async () => {
    const { client } = await clientAnswering(() => ({
      status: 200,
      body: events(["delta", { text: "par" }], ["error", { error: providerError }]),
    }));
    const seen: RunStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of client.streamPrompt("p")) seen.push(event);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual([{ type: "delta", text: "par" }]);
    expect(isQuireError(error) && error.details).toMatchObject({
      errorClass: "unavailable",
      executionId: "e-2",
    });
  });

  test("throws a JSON error answered before any text, and a stream cut before its answer", async () => {
    const failing = await clientAnswering(() => ({ status: 422, body: { error: providerError } }));
    await expect(collect(failing.client.streamPrompt("p"))).rejects.toMatchObject({
      code: "PROVIDER_ERROR",
    });
    const cut = await clientAnswering(() => ({
      status: 200,
      body: events(["delta", { text: "a" }]),
    }));
    await expect(collect(cut.client.streamPrompt("p"))).rejects.toThrow(
      /ended before the run's answer/,
    );
  });
});
