import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deterministicEmbedding } from "./deterministic-embedding.js";
import { startTestModelServer, type TestModelServer } from "./test-model-server.js";

/** The stand-in's wire format, read with plain fetch (the SDK tests read it through the clients). */
let server: TestModelServer;
beforeAll(async () => {
  server = await startTestModelServer();
});
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  fetch(`${server.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

function dataLines(text: string): string[] {
  return text
    .split("\n\n")
    .filter((frame) => frame.startsWith("data: "))
    .map((frame) => frame.slice("data: ".length));
}

describe("test model server", () => {
  test("streams OpenAI chunks, usage last when asked, then [DONE]", async () => {
    server.script(undefined);
    const body = {
      model: "m",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "one two" }],
    };
    const response = await post("/chat/completions", body);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const lines = dataLines(await response.text());
    expect(lines.at(-1)).toBe("[DONE]");
    const chunks = lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("");
    expect(text).toBe("echo: one two");
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 2,
        completion_tokens: 3,
        total_tokens: 5,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
    const without = dataLines(
      await (await post("/chat/completions", { ...body, stream_options: undefined })).text(),
    );
    expect(without.some((line) => line.includes('"usage"'))).toBe(false);
  });

  test("errors carry the status, the provider's error shape and headers", async () => {
    server.script(() => ({
      type: "error",
      status: 429,
      message: "slow",
      headers: { "retry-after": "4" },
    }));
    const openai = await post("/chat/completions", { model: "m", messages: [] });
    expect(openai.status).toBe(429);
    expect(openai.headers.get("retry-after")).toBe("4");
    expect(await openai.json()).toMatchObject({ error: { message: "slow" } });
    const anthropic = await post("/messages", { model: "m", messages: [] });
    expect(await anthropic.json()).toEqual({
      type: "error",
      error: { type: "rate_limit_error", message: "slow" },
    });
    server.script(undefined);
  });

  test("latency is applied and requests are recorded in order", async () => {
    server.reset();
    server.script(() => ({ type: "text", text: "late", latencyMs: 120 }));
    const started = performance.now();
    const response = await post("/chat/completions", {
      model: "m",
      messages: [{ role: "user", content: "hi" }],
    });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe("late");
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(server.requests.map((request) => [request.index, request.lastUserText])).toEqual([
      [0, "hi"],
    ]);
    server.script(undefined);
    expect((await post("/nowhere", {})).status).toBe(404);
  });

  test("embeddings are deterministic unit vectors", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const vector = deterministicEmbedding(text, 32);
        expect(vector).toEqual(deterministicEmbedding(text, 32));
        expect(Math.hypot(...vector)).toBeCloseTo(1, 9);
      }),
    );
  });
});
