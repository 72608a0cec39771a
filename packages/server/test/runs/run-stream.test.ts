import http from "node:http";
import type { Execution, RunResponse } from "@quire/core";
import type { TestReplyScript } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dataOf,
  parseEventStream,
  type RunTestServer,
  startRunTestServer,
} from "./run-test-server.js";

let quire: RunTestServer;

const script: TestReplyScript = (request) => {
  switch (request.model) {
    case "slow":
      return { type: "text", text: "one two three four five six", chunkDelayMs: 150 };
    case "cut":
      return { type: "cut", afterChunks: 4 };
    case "broken":
      return { type: "malformed" };
    default:
      return { type: "text", text: `echo: ${request.lastUserText}`, chunkDelayMs: 5 };
  }
};

beforeAll(async () => {
  quire = await startRunTestServer({ script });
  await quire.createPrompt({
    name: "stream/story",
    template: "Tell a story about {{topic}}.",
    config: { model: "local/echo" },
  });
}, 60_000);

afterAll(() => quire?.close());

function streamRun(body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
  return fetch(`${quire.url}/v1/prompts/stream%2Fstory/run`, {
    method: "POST",
    headers: { authorization: `Bearer ${quire.adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({ stream: true, ...body }),
    ...(signal === undefined ? {} : { signal }),
  });
}

async function executions(): Promise<Execution[]> {
  await quire.server.executionLog.flush();
  const listed = await quire.request<{ items: Execution[] }>(
    "GET",
    "/v1/executions?prompt=stream%2Fstory&limit=500",
  );
  return listed.body.items;
}

describe("streamed runs (server-sent events)", () => {
  it("sends text deltas, then a done event with the answer and the time to first token", async () => {
    const response = await streamRun({ variables: { topic: "a fox" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = parseEventStream(await response.text());
    const deltas = events.filter((event) => event.event === "delta");
    expect(deltas.length).toBeGreaterThan(3);
    const text = deltas.map((event) => (event.data as { text: string }).text).join("");
    expect(text).toBe("echo: Tell a story about a fox.");
    expect(events.at(-1)?.event).toBe("done");
    const done = events.at(-1)?.data as RunResponse;
    expect(done).toMatchObject({ output: text, servedBy: "local/echo", cacheHit: false });
    expect(done.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(done.timeToFirstTokenMs).toBeLessThan(done.latencyMs);
    expect(done.usage.outputTokens).toBe(7);
    const record = (await executions()).find((item) => item.id === done.executionId);
    expect(record?.timeToFirstTokenMs).toBeCloseTo(done.timeToFirstTokenMs ?? -1, 5);
    expect(record?.success).toBe(true);
  });

  it("measures the first token before the last on a slow stream", async () => {
    const response = await streamRun({ variables: { topic: "time" }, model: "local/slow" });
    const events = parseEventStream(await response.text());
    const done = events.at(-1)?.data as RunResponse;
    expect(done.output).toBe("one two three four five six");
    // Six chunks 150 ms apart: the first arrives at least 600 ms before the end.
    expect(done.latencyMs - (done.timeToFirstTokenMs ?? 0)).toBeGreaterThan(600);
  });

  it("replays a cached answer as one delta", async () => {
    const body = { variables: { topic: "caching" }, params: { temperature: 0 } };
    await (await streamRun(body)).text();
    const events = parseEventStream(await (await streamRun(body)).text());
    expect(events.map((event) => event.event)).toEqual(["delta", "done"]);
    expect(dataOf<RunResponse>(events[1]).cacheHit).toBe(true);
  });

  it("runs a strategy whole and streams its answer as one delta", async () => {
    await quire.createPrompt({
      name: "stream/vote",
      template: "Pick a colour. End with 'Answer: X'.",
      config: { model: "local/backup", strategy: "self-consistency", samples: 2 },
    });
    quire.models.script((request) =>
      request.model === "backup" ? { type: "text", text: "Answer: blue" } : script(request),
    );
    try {
      const response = await fetch(`${quire.url}/v1/prompts/stream%2Fvote/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${quire.adminKey}`, "content-type": "application/json" },
        body: JSON.stringify({ stream: true }),
      });
      const events = parseEventStream(await response.text());
      expect(events.map((event) => event.event)).toEqual(["delta", "done"]);
      expect(events[0]?.data).toEqual({ text: "blue" });
      expect(events[1]?.data).toMatchObject({ strategy: "self-consistency", output: "blue" });
    } finally {
      quire.models.script(script);
    }
  });

  it("reports a stream cut mid-way as an error event after the text sent", async () => {
    const response = await streamRun({ variables: { topic: "cuts" }, model: "local/cut" });
    expect(response.status).toBe(200);
    const events = parseEventStream(await response.text());
    expect(events.filter((event) => event.event === "delta").length).toBeGreaterThan(0);
    expect(events.at(-1)?.event).toBe("error");
    const { error } = dataOf<{ error: { code: string; details: Record<string, unknown> } }>(
      events.at(-1),
    );
    expect(error).toMatchObject({ code: "PROVIDER_ERROR", details: { errorClass: "unavailable" } });
    const record = (await executions()).find((item) => item.id === error.details.executionId);
    expect(record).toMatchObject({ success: false, errorClass: "unavailable", model: "local/cut" });
    expect(record?.timeToFirstTokenMs).toBeGreaterThan(0);
  });

  it("answers a failure before any text as an ordinary JSON error", async () => {
    const response = await streamRun({ variables: { topic: "x" }, model: "local/broken" });
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { details: { errorClass: string } } };
    expect(body.error.details.errorClass).toBe("malformed-response");
  });

  it("stops the model call when the client goes away, and logs the run as cancelled", async () => {
    // node:http, not fetch: undici opens a fresh (idle, unused) connection after an abort,
    // which would hold the server's close until Node's headers timeout.
    await new Promise<void>((resolve, reject) => {
      const request = http.request(`${quire.url}/v1/prompts/stream%2Fstory/run`, {
        method: "POST",
        headers: { authorization: `Bearer ${quire.adminKey}`, "content-type": "application/json" },
      });
      request.on("response", (response) => {
        response.once("data", () => {
          request.destroy();
          resolve();
        });
      });
      request.on("error", (error) => {
        if (!request.destroyed) reject(error);
      });
      request.end(
        JSON.stringify({ stream: true, variables: { topic: "leaving" }, model: "local/slow" }),
      );
    });
    const deadline = Date.now() + 5_000;
    while (quire.models.openResponses > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(quire.models.openResponses).toBe(0);
    let cancelled: Execution | undefined;
    while (cancelled === undefined && Date.now() < deadline) {
      cancelled = (await executions()).find((item) => item.errorClass === "cancelled");
    }
    expect(cancelled).toMatchObject({ success: false, model: "local/slow" });
  });
});
