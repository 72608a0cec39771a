import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isQuireError } from "../../errors/index.js";
import type { ChatMessage } from "../../model-formats/chat-message.js";
import {
  lastUserText,
  messageText,
  scriptedModel,
  userMessage,
} from "../../testing/scripted-model.js";
import { defineTool } from "../tools/strategy-tool.js";
import { runStrategy } from "./run-strategy.js";
import { readStrategyConfig } from "./strategy-config.js";

const messages: ChatMessage[] = [
  { role: "system", content: [{ type: "text", text: "You are careful." }] },
  userMessage("How many legs do 3 spiders have?"),
];

describe("runStrategy", () => {
  it("makes one plain call when the version declares no strategy", async () => {
    const model = scriptedModel([{ text: "24", usage: { inputTokens: 10, outputTokens: 1 } }]);
    const run = await runStrategy(model, {
      messages,
      strategy: readStrategyConfig({}),
      parameters: { temperature: 0 },
    });
    expect(run).toMatchObject({
      strategy: "direct",
      text: "24",
      usage: { modelCalls: 1, inputTokens: 10, outputTokens: 1 },
    });
    expect(model.lastRequest.temperature).toBe(0);
  });

  it("runs self-consistency from a flat .prompt config, honouring the answer pattern", async () => {
    const model = scriptedModel(["legs=24", "legs=24", "legs=18"]);
    const strategy = readStrategyConfig({
      strategy: "self-consistency",
      samples: 3,
      answerPattern: "legs=(\\d+)",
    });
    const run = await runStrategy(model, { messages, strategy });
    expect(run.strategy).toBe("self-consistency");
    expect(run.text).toBe("24");
    expect(run.usage.modelCalls).toBe(3);
    if (run.strategy === "self-consistency") expect(run.result.distribution).toHaveLength(2);
  });

  it("runs tree of thoughts on the user's text, with the system text as system", async () => {
    const model = scriptedModel((request) => {
      const prompt = lastUserText(request);
      if (prompt.includes("Propose")) return "1. Each spider has 8 legs";
      if (prompt.includes("Judge")) return "Score: 9";
      return "Answer: 24";
    });
    const run = await runStrategy(model, {
      messages,
      strategy: readStrategyConfig({ strategy: { strategy: "tree-of-thoughts", maxDepth: 1 } }),
    });
    expect(run.text).toBe("Answer: 24");
    expect(messageText(model.requests[0]?.messages[0] ?? messages[0]!)).toBe("You are careful.");
    expect(lastUserText(model.requests[0]!)).toContain("How many legs do 3 spiders have?");
  });

  it("runs ReAct and tool calling with the tools given, and says when none were", async () => {
    const multiply = defineTool({
      name: "multiply",
      parameters: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a * b,
    });
    const react = await runStrategy(
      scriptedModel(['Action: multiply\nAction Input: {"a": 3, "b": 8}', "Final Answer: 24"]),
      {
        messages,
        strategy: readStrategyConfig({ strategy: "react", maxSteps: 3 }),
        tools: [multiply],
      },
    );
    expect(react.text).toBe("24");
    const calling = await runStrategy(
      scriptedModel([{ toolCalls: [{ name: "multiply", arguments: { a: 3, b: 8 } }] }, "24 legs"]),
      { messages, strategy: readStrategyConfig({ strategy: "tool-calling" }), tools: [multiply] },
    );
    expect(calling.text).toBe("24 legs");
    expect(calling.usage.modelCalls).toBe(2);
    const error = await runStrategy(scriptedModel([]), {
      messages,
      strategy: { strategy: "react" },
    }).catch((caught: unknown) => caught);
    expect(isQuireError(error) && error.message).toMatch(
      /^The react strategy needs tools, and none were given/,
    );
  });

  it("gives tool calling client-side tools alone, and refuses them to ReAct", async () => {
    const lookup = { name: "lookup", parameters: { type: "object", properties: {} } };
    const calling = await runStrategy(
      scriptedModel([{ toolCalls: [{ id: "c1", name: "lookup", arguments: {} }] }]),
      { messages, strategy: { strategy: "tool-calling" }, clientTools: [lookup] },
    );
    expect(calling.strategy === "tool-calling" && calling.result.pendingToolCalls).toEqual([
      { id: "c1", name: "lookup", arguments: {} },
    ]);
    const error = await runStrategy(scriptedModel([]), {
      messages,
      strategy: { strategy: "react" },
      clientTools: [lookup],
    }).catch((caught: unknown) => caught);
    expect(isQuireError(error) && error.message).toMatch(
      /^The react strategy runs every tool itself, and lookup has no handler/,
    );
  });

  it("runs structured output with the version's output schema, or the config's", async () => {
    const outputSchema = {
      type: "object",
      properties: { legs: { type: "integer" } },
      required: ["legs"],
    };
    const run = await runStrategy(scriptedModel(['{"legs": 24}']), {
      messages,
      strategy: readStrategyConfig({ strategy: "structured-output", maxRetries: 0 }),
      outputSchema,
    });
    expect(run.strategy === "structured-output" && run.value).toEqual({ legs: 24 });
    const fromConfig = await runStrategy(scriptedModel(['{"n": 1}']), {
      messages,
      strategy: readStrategyConfig({
        strategy: { strategy: "structured-output", schema: { type: "object", required: ["n"] } },
      }),
      outputSchema,
    });
    expect(fromConfig.text).toBe('{"n": 1}');
    const missing = await runStrategy(scriptedModel([]), {
      messages,
      strategy: { strategy: "structured-output" },
    }).catch((caught: unknown) => caught);
    expect(isQuireError(missing) && missing.message).toMatch(/needs a schema/);
  });
});
