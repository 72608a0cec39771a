import { describe, expect, it } from "vitest";
import { z } from "zod";
import { modelErrorClassOf } from "../../models/model-error.js";
import { modelError, scriptedModel, userMessage } from "../../testing/scripted-model.js";
import { defineTool } from "../tools/strategy-tool.js";
import { runToolCalls } from "./run-tool-calls.js";

const weather = defineTool({
  name: "weather",
  description: "Current weather in a city",
  parameters: z.object({ city: z.string().min(1) }),
  execute: ({ city }) => {
    if (city === "Atlantis") throw new Error("no station there");
    return { city, celsius: 21 };
  },
});
const prompt = [userMessage("Weather in Paris and Rome?")];

describe("runToolCalls", () => {
  it("dispatches tool calls, sends results back as tool messages, and returns the final text", async () => {
    const model = scriptedModel([
      {
        toolCalls: [
          { id: "a", name: "weather", arguments: { city: "Paris" } },
          { id: "b", name: "weather", arguments: { city: "Rome" } },
        ],
      },
      "Both are at 21 °C.",
    ]);
    const result = await runToolCalls(model, { messages: prompt, tools: [weather] });
    expect(result.status).toBe("answered");
    expect(result.text).toBe("Both are at 21 °C.");
    expect(result.rounds).toBe(2);
    expect(
      result.toolCalls.map((record) => [record.call.id, record.status, record.result]),
    ).toEqual([
      ["a", "ok", '{"city":"Paris","celsius":21}'],
      ["b", "ok", '{"city":"Rome","celsius":21}'],
    ]);
    expect(model.requests[0]?.tools).toEqual([
      {
        name: "weather",
        description: "Current weather in a city",
        parameters: {
          type: "object",
          properties: { city: { type: "string", minLength: 1 } },
          required: ["city"],
        },
      },
    ]);
    const second = model.requests[1]?.messages ?? [];
    expect(second.map((message) => message.role)).toEqual(["user", "assistant", "tool", "tool"]);
    expect(second[2]).toEqual({
      role: "tool",
      toolCallId: "a",
      name: "weather",
      content: [{ type: "text", text: '{"city":"Paris","celsius":21}' }],
    });
    expect(result.messages.at(-1)).toEqual({
      role: "assistant",
      content: [{ type: "text", text: "Both are at 21 °C." }],
    });
  });

  it("captures unknown tools, invalid arguments and tool failures as error results", async () => {
    const model = scriptedModel([
      {
        toolCalls: [
          { name: "forecast", arguments: {} },
          { name: "weather", arguments: { city: "" } },
          { name: "weather", arguments: { city: "Atlantis" } },
        ],
      },
      "Sorry, I could not find out.",
    ]);
    const result = await runToolCalls(model, {
      messages: prompt,
      tools: [weather],
      parallel: false,
    });
    expect(result.status).toBe("answered");
    expect(result.toolCalls.map((record) => record.status)).toEqual([
      "unknown-tool",
      "invalid-arguments",
      "error",
    ]);
    expect(result.toolCalls[0]?.result).toBe(
      'Error: there is no tool named "forecast". Available tools: weather.',
    );
    expect(result.toolCalls[1]?.result).toContain(
      '"city": Too small: expected string to have >=1 characters',
    );
    expect(result.toolCalls[2]?.result).toBe('Error: the tool "weather" failed: no station there');
  });

  it("stops after maxRounds with a clear status while the model keeps calling tools", async () => {
    const model = scriptedModel(() => ({
      toolCalls: [{ name: "weather", arguments: { city: "Paris" } }],
    }));
    const result = await runToolCalls(model, { messages: prompt, tools: [weather], maxRounds: 3 });
    expect(result.status).toBe("max-rounds");
    expect(result.message).toMatch(/^Tool calling stopped after 3 rounds/);
    expect(model.callCount).toBe(3);
    expect(result.toolCalls).toHaveLength(3);
    expect(result.messages.at(-1)?.role).toBe("tool");
  });

  it("stops at client-side tool calls and answers them, after running the round's own tools", async () => {
    const calendar = {
      name: "calendar",
      description: "The user's calendar (the application runs it)",
      parameters: { type: "object", properties: { day: { type: "string" } }, required: ["day"] },
    };
    const model = scriptedModel([
      { toolCalls: [{ id: "bad", name: "calendar", arguments: {} }] },
      {
        toolCalls: [
          { id: "w", name: "weather", arguments: { city: "Paris" } },
          { id: "c", name: "calendar", arguments: { day: "monday" } },
        ],
      },
      "never reached",
    ]);
    const result = await runToolCalls(model, {
      messages: prompt,
      tools: [weather],
      clientTools: [calendar],
    });
    expect(result.status).toBe("client-tool-calls");
    expect(result.rounds).toBe(2);
    expect(model.callCount).toBe(2);
    expect(result.pendingToolCalls).toEqual([
      { id: "c", name: "calendar", arguments: { day: "monday" } },
    ]);
    // The bad call went back to the model as an error; the weather call ran.
    expect(result.toolCalls.map((record) => [record.call.id, record.status])).toEqual([
      ["bad", "invalid-arguments"],
      ["w", "ok"],
    ]);
    expect(model.requests[0]?.tools?.map((tool) => tool.name)).toEqual(["weather", "calendar"]);
    expect(result.messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "tool",
      "assistant",
      "tool",
    ]);
    expect(result.message).toMatch(/client-side tools \(calendar\)/);
  });

  it("forces a tool only on the first call", async () => {
    const model = scriptedModel([
      { toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }] },
      "Cold.",
    ]);
    await runToolCalls(model, {
      messages: prompt,
      tools: [weather],
      toolChoice: { name: "weather" },
    });
    expect(model.requests.map((request) => request.toolChoice)).toEqual([
      { name: "weather" },
      "auto",
    ]);
  });

  it("throws model errors with their class", async () => {
    const model = scriptedModel([modelError("rate-limit", "429", { retryAfterSeconds: 5 })]);
    const error = await runToolCalls(model, { messages: prompt, tools: [weather] }).catch(
      (caught: unknown) => caught,
    );
    expect(modelErrorClassOf(error)).toBe("rate-limit");
  });

  it("runs at most maxParallelCalls at once and answers calls beyond maxCallsPerRound with the limit", async () => {
    let running = 0;
    let most = 0;
    const slow = defineTool({
      name: "slow",
      parameters: z.object({ n: z.number() }),
      execute: async ({ n }) => {
        running += 1;
        most = Math.max(most, running);
        // Yield a turn of the event loop: calls started together overlap here.
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return n;
      },
    });
    const calls = Array.from({ length: 7 }, (_, n) => ({
      id: `c${n}`,
      name: "slow",
      arguments: { n },
    }));
    const model = scriptedModel([{ toolCalls: calls }, "done"]);
    const result = await runToolCalls(model, {
      messages: prompt,
      tools: [slow],
      maxParallelCalls: 2,
      maxCallsPerRound: 5,
    });
    expect(most).toBe(2);
    expect(result.toolCalls.map((record) => record.status)).toEqual([
      ...Array(5).fill("ok"),
      "over-limit",
      "over-limit",
    ]);
    expect(result.toolCalls[5]?.result).toBe(
      'Error: the tool "slow" was not run: this round asked for 7 tool calls and at most 5 run per round. Ask again for the calls you still need, at most 5 at a time.',
    );
    expect(model.requests[1]?.messages.filter((message) => message.role === "tool")).toHaveLength(
      7,
    );
  });

  it("refuses a limit out of range before any model call", async () => {
    const model = scriptedModel(["never"]);
    await expect(
      runToolCalls(model, { messages: prompt, tools: [weather], maxParallelCalls: 0 }),
    ).rejects.toThrow(
      "Tool calling: maxParallelCalls must be a whole number from 1 to 1000, got 0",
    );
    expect(model.requests).toHaveLength(0);
  });
});
