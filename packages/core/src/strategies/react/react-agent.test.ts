import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isQuireError } from "../../errors/index.js";
import { modelErrorClassOf } from "../../models/model-error.js";
import {
  messageText,
  modelError,
  scriptedModel,
  userMessage,
} from "../../testing/scripted-model.js";
import { defineTool } from "../tools/strategy-tool.js";
import { runReact } from "./react-agent.js";

const calculator = defineTool({
  name: "calculator",
  description: "Adds two numbers",
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

const lookup = defineTool({
  name: "lookup",
  description: "Finds a fact",
  parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
  execute: ({ query }) => {
    if (query === "boom") throw new Error("the index is offline");
    return { fact: `facts about ${String(query)}` };
  },
});

const question = [userMessage("What is 2 + 3?")];

describe("runReact", () => {
  it("runs Thought/Action/Observation until the final answer, recording the trajectory", async () => {
    const model = scriptedModel([
      'Thought: I should add.\nAction: calculator\nAction Input: {"a": 2, "b": 3}',
      "Thought: I know the answer\nFinal Answer: 5",
    ]);
    const result = await runReact(model, { messages: question, tools: [calculator, lookup] });
    expect(result.status).toBe("answered");
    expect(result.answer).toBe("5");
    expect(result.steps).toEqual([
      {
        step: 1,
        text: 'Thought: I should add.\nAction: calculator\nAction Input: {"a": 2, "b": 3}',
        thought: "I should add.",
        action: { tool: "calculator", input: '{"a": 2, "b": 3}', arguments: { a: 2, b: 3 } },
        observation: "5",
        outcome: "ok",
      },
      {
        step: 2,
        text: "Thought: I know the answer\nFinal Answer: 5",
        thought: "I know the answer",
        finalAnswer: "5",
      },
    ]);
    const second = model.requests[1];
    expect(second?.stopSequences).toEqual(["\nObservation:"]);
    expect(second?.messages.map((message) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "user",
    ]);
    expect(messageText(second?.messages[3] ?? question[0]!)).toBe("Observation: 5");
    const instructions = messageText(second?.messages[0] ?? question[0]!);
    expect(instructions).toContain("- calculator: Adds two numbers");
    expect(instructions).toContain("one of [calculator, lookup]");
    expect(result.usage.modelCalls).toBe(2);
  });

  it("feeds an unknown tool, a malformed reply, bad arguments and a tool error back as observations", async () => {
    const model = scriptedModel([
      'Thought: search the web\nAction: web_search\nAction Input: {"q": "x"}',
      "I think the answer is 5",
      'Action: calculator\nAction Input: {"a": "two", "b": 3}',
      "Action: calculator\nAction Input: two and three",
      "Action: lookup\nAction Input: boom",
      "Final Answer: 5",
    ]);
    const result = await runReact(model, { messages: question, tools: [calculator, lookup] });
    expect(result.status).toBe("answered");
    expect(result.steps.map((step) => step.outcome)).toEqual([
      "unknown-tool",
      "malformed",
      "invalid-arguments",
      "invalid-arguments",
      "tool-error",
      undefined,
    ]);
    const observations = result.steps.map((step) => step.observation);
    expect(observations[0]).toBe(
      'Error: there is no tool named "web_search". Available tools: calculator, lookup.',
    );
    expect(observations[1]).toContain(
      'the reply has neither an "Action:" line nor a "Final Answer:"',
    );
    expect(observations[2]).toContain('"a": Invalid input: expected number, received string');
    expect(observations[3]).toContain("the Action Input must be a JSON object");
    expect(observations[4]).toBe('Error: the tool "lookup" failed: the index is offline');
    expect(result.steps[4]?.action?.arguments).toEqual({ query: "boom" });
  });

  it("ignores an observation the model wrote itself and the answer it made up after it", async () => {
    const model = scriptedModel([
      'Action: lookup\nAction Input: {"query": "tea"}\nObservation: tea is blue\nFinal Answer: blue',
      "Final Answer: done",
    ]);
    const result = await runReact(model, { messages: question, tools: [lookup] });
    expect(result.steps[0]?.observation).toBe('{"fact":"facts about tea"}');
    expect(result.steps[0]?.text).not.toContain("blue");
    expect(result.answer).toBe("done");
  });

  it("reads the classic tool[input] form and single-parameter plain text", async () => {
    const model = scriptedModel([
      "Action: lookup[green tea]",
      'Action: `lookup`\nAction Input: "oolong"',
      "Final Answer: ok",
    ]);
    const result = await runReact(model, { messages: question, tools: [lookup] });
    expect(result.steps.map((step) => step.action?.arguments)).toEqual([
      { query: "green tea" },
      { query: "oolong" },
      undefined,
    ]);
  });

  it("returns a clear result, not an error, when the steps run out", async () => {
    const model = scriptedModel(
      () => 'Thought: again\nAction: calculator\nAction Input: {"a": 1, "b": 1}',
    );
    const result = await runReact(model, { messages: question, tools: [calculator], maxSteps: 3 });
    expect(result.status).toBe("max-steps");
    expect(result.answer).toBeUndefined();
    expect(result.message).toMatch(/^ReAct stopped after 3 steps without a final answer/);
    expect(result.steps).toHaveLength(3);
    expect(model.callCount).toBe(3);
  });

  it("throws model errors with their class", async () => {
    const model = scriptedModel([
      'Action: calculator\nAction Input: {"a":1,"b":2}',
      modelError("auth", "Invalid API key"),
    ]);
    const error = await runReact(model, { messages: question, tools: [calculator] }).catch(
      (caught: unknown) => caught,
    );
    expect(modelErrorClassOf(error)).toBe("auth");
  });

  it("adds its instructions to an existing system message, and checks custom instructions", async () => {
    const model = scriptedModel(["Final Answer: hi"]);
    await runReact(model, {
      messages: [{ role: "system", content: [{ type: "text", text: "Be brief." }] }, ...question],
      tools: [lookup],
      instructions: "Tools: {{toolNames}}",
    });
    expect(model.lastRequest.messages).toHaveLength(2);
    expect(messageText(model.lastRequest.messages[0]!)).toBe("Be brief.\n\n\nTools: lookup");
    const error = await runReact(model, {
      messages: question,
      tools: [lookup],
      instructions: "{{tool}}",
    }).catch((caught: unknown) => caught);
    expect(isQuireError(error) && error.message).toContain("uses {{tool}}, which it is not given");
  });

  it("refuses duplicate or badly named tools before calling the model", async () => {
    const model = scriptedModel([]);
    const duplicate = await runReact(model, { messages: question, tools: [lookup, lookup] }).catch(
      (caught: unknown) => caught,
    );
    expect(isQuireError(duplicate) && duplicate.message).toBe(
      'Two tools are named "lookup"; rename one',
    );
    const badName = await runReact(model, {
      messages: question,
      tools: [{ ...lookup, name: "look up" }],
    }).catch((caught: unknown) => caught);
    expect(isQuireError(badName) && badName.message).toMatch(/tool name "look up" is not allowed/);
    expect(model.callCount).toBe(0);
  });
});
