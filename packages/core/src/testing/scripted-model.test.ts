import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import type { StreamPart } from "../models/language-model.js";
import { modelErrorClassOf } from "../models/model-error.js";
import {
  conversationText,
  lastUserText,
  modelError,
  ScriptedModel,
  scriptedModel,
  userMessage,
} from "./scripted-model.js";

async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const collected: StreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

describe("ScriptedModel", () => {
  it("answers from the list in order, then from the responder", async () => {
    const model = new ScriptedModel({
      responses: ["first", { text: "second" }],
      respond: (request, callIndex) => `echo ${lastUserText(request)} #${callIndex}`,
    });
    const texts: string[] = [];
    for (const question of ["a", "b", "c"]) {
      texts.push((await model.generate({ messages: [userMessage(question)] })).text);
    }
    expect(texts).toEqual(["first", "second", "echo c #2"]);
    expect(model.callCount).toBe(3);
    expect(model.requests.map(lastUserText)).toEqual(["a", "b", "c"]);
  });

  it("records each request as it was at the call, even when the caller changes it later", async () => {
    const model = scriptedModel(["ok"]);
    const messages = [userMessage("hello")];
    await model.generate({ messages, temperature: 0.3 });
    messages.push(userMessage("later"));
    expect(model.lastRequest.messages).toHaveLength(1);
    expect(model.lastRequest.temperature).toBe(0.3);
    expect(conversationText(model.lastRequest)).toBe("user: hello");
  });

  it("returns tool calls with ids, usage, logprobs and the finish reason", async () => {
    const model = scriptedModel([
      { toolCalls: [{ name: "search", arguments: { q: "x" } }] },
      {
        text: "yes",
        usage: { inputTokens: 7, outputTokens: 1 },
        logprobs: [{ token: "yes", logprob: -0.2 }],
      },
      { text: "no usage", usage: null, finishReason: "length" },
    ]);
    const call = await model.generate({ messages: [userMessage("q")] });
    expect(call.toolCalls).toEqual([{ id: "call_1_1", name: "search", arguments: { q: "x" } }]);
    expect(call.finishReason).toBe("tool-calls");
    expect(call.usage).toEqual({ inputTokens: 1, outputTokens: 0 });
    const answer = await model.generate({ messages: [userMessage("q")] });
    expect(answer.usage).toEqual({ inputTokens: 7, outputTokens: 1 });
    expect(answer.logprobs).toEqual([{ token: "yes", logprob: -0.2 }]);
    const last = await model.generate({ messages: [userMessage("q")] });
    expect(last.usage).toBeUndefined();
    expect(last.finishReason).toBe("length");
    expect(last.modelId).toBe("scripted/test-model");
  });

  it("throws scripted classified errors, and says when the script has run out", async () => {
    const model = scriptedModel([modelError("rate-limit", "slow down", { retryAfterSeconds: 3 })]);
    const error = await model.generate({ messages: [] }).catch((caught: unknown) => caught);
    expect(modelErrorClassOf(error)).toBe("rate-limit");
    const exhausted = await model.generate({ messages: [] }).catch((caught: unknown) => caught);
    expect(isQuireError(exhausted) && exhausted.message).toMatch(
      /no response scripted for call 2 \(the script has 1 responses/,
    );
  });

  it("streams word deltas ending with one finish part, and can cut a stream mid-way", async () => {
    const model = scriptedModel([
      "one two three",
      { text: "a b c d", error: modelError("unavailable", "connection reset"), failAfterDeltas: 2 },
    ]);
    const parts = await collect(model.stream({ messages: [userMessage("go")] }));
    expect(parts.filter((part) => part.type === "text-delta").map((part) => part.text)).toEqual([
      "one ",
      "two ",
      "three",
    ]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", result: { text: "one two three" } });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const part of model.stream({ messages: [] })) {
        if (part.type === "text-delta") seen.push(part.text);
      }
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(["a ", "b "]);
    expect(modelErrorClassOf(failure)).toBe("unavailable");
  });

  it("waits when told to, and stops waiting when the request is aborted", async () => {
    const model = scriptedModel([{ text: "late", delayMs: 5_000 }]);
    const controller = new AbortController();
    const pending = model.generate({ messages: [], abortSignal: controller.signal });
    controller.abort(new Error("cancelled"));
    await expect(pending).rejects.toThrow("cancelled");
  });

  it("lets an asynchronous responder answer from the prompt", async () => {
    const model = scriptedModel(async (request) =>
      lastUserText(request).includes("capital") ? "Paris" : modelError("auth", "bad key"),
    );
    expect((await model.generate({ messages: [userMessage("capital of France?")] })).text).toBe(
      "Paris",
    );
    await expect(model.generate({ messages: [userMessage("other")] })).rejects.toThrow("bad key");
  });
});
