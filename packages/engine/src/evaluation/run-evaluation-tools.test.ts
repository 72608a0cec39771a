import {
  defineTool,
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  type ToolCall,
} from "@quire/core";
import { stubLanguageModel } from "@quire/llm/testing";
import { describe, expect, it } from "vitest";
import type { EvalPlan, EvalPrompt } from "./eval-plan.js";
import { runEvaluation } from "./run-evaluation.js";

/** A prompt whose version declares `config` (strategy, tools, toolDefinitions). */
function configuredPrompt(id: string, config: Record<string, unknown>): EvalPrompt {
  return {
    id,
    label: id,
    async render(variables) {
      const text = `Weather in ${String(variables.city)}?`;
      return { messages: [{ role: "user", content: [{ type: "text", text }] }], config };
    },
  };
}

function planOf(
  prompt: EvalPrompt,
  model: LanguageModel,
  assertions: EvalPlan["defaultAssertions"] = [],
): EvalPlan {
  return {
    prompts: [prompt],
    models: [{ id: model.modelId, model }],
    cases: [{ id: "paris", variables: { city: "Paris" } }],
    defaultAssertions: assertions,
  };
}

function weatherTool(calls: Array<Record<string, unknown>>) {
  return defineTool({
    name: "get_weather",
    description: "Current temperature of a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
    },
    execute(argumentsValue) {
      calls.push(argumentsValue);
      return { celsius: 21 };
    },
  });
}

/** A model that answers each call with the next reply (tool calls or text). */
function toolCallingModel(replies: Array<{ text?: string; toolCalls?: ToolCall[] }>) {
  const requests: GenerateRequest[] = [];
  const model: LanguageModel = {
    modelId: "test/tools",
    async generate(request): Promise<GenerateResult> {
      const reply = replies[Math.min(requests.length, replies.length - 1)] ?? {};
      requests.push(request);
      const toolCalls = reply.toolCalls ?? [];
      return {
        text: reply.text ?? "",
        toolCalls,
        finishReason: toolCalls.length > 0 ? "tool-calls" : "stop",
        usage: { inputTokens: 7, outputTokens: 3 },
        modelId: "test/tools",
      };
    },
  };
  return { model, requests };
}

describe("runEvaluation with tools", () => {
  it("runs a ReAct version with the run's tools and asserts its final answer", async () => {
    const toolCalls: Array<Record<string, unknown>> = [];
    const model = stubLanguageModel("test/react", [
      {
        text: 'Thought: look it up\nAction: get_weather\nAction Input: {"city": "Paris"}',
        usage: { inputTokens: 10, outputTokens: 4 },
      },
      {
        text: "Thought: I know the answer\nFinal Answer: 21 degrees in Paris",
        usage: { inputTokens: 20, outputTokens: 6 },
      },
    ]);
    const outcome = await runEvaluation({
      plan: planOf(
        configuredPrompt("weather:1", { strategy: "react", tools: ["get_weather"] }),
        model,
        [{ type: "contains", value: "21 degrees" }],
      ),
      tools: [weatherTool(toolCalls)],
    });
    expect(toolCalls).toEqual([{ city: "Paris" }]);
    expect(model.calls).toHaveLength(2);
    // The second call carries the tool's result as the observation.
    expect(JSON.stringify(model.calls[1]?.messages)).toContain("celsius");
    expect(outcome.results[0]).toMatchObject({
      status: "passed",
      output: "21 degrees in Paris",
      inputTokens: 30,
      outputTokens: 10,
    });
  });

  it("errors a cell whose version names tools the run does not have, without calling the model", async () => {
    const model = stubLanguageModel("test/react", [{ text: "Final Answer: never" }]);
    const outcome = await runEvaluation({
      plan: planOf(
        configuredPrompt("weather:2", { strategy: "react", tools: ["get_weather", "search"] }),
        model,
      ),
      tools: [weatherTool([])],
    });
    expect(model.calls).toHaveLength(0);
    expect(outcome.status).toBe("completed");
    const [cell] = outcome.results;
    expect(cell?.status).toBe("errored");
    expect(cell?.error?.class).toBe("tools");
    expect(cell?.error?.message).toContain('"search"');
    expect(cell?.error?.message).not.toContain('"get_weather",');
    expect(cell?.error?.message).toContain("tools given: get_weather");
  });

  it("gives a tool-calling cell that stops at client-side tools their calls as JSON", async () => {
    const { model, requests } = toolCallingModel([
      {
        toolCalls: [{ id: "call_1", name: "book_table", arguments: { city: "Paris", people: 2 } }],
      },
    ]);
    const outcome = await runEvaluation({
      plan: planOf(
        configuredPrompt("booking:1", {
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
        }),
        model,
        [{ type: "is-json" }, { type: "contains", value: '"name":"book_table"' }],
      ),
    });
    expect(requests[0]?.tools?.map((tool) => tool.name)).toEqual(["book_table"]);
    const [cell] = outcome.results;
    expect(cell?.status).toBe("passed");
    expect(JSON.parse(cell?.output ?? "")).toEqual([
      { name: "book_table", arguments: { city: "Paris", people: 2 } },
    ]);
  });

  it("runs server-side tools in tool calling and answers with the model's final text", async () => {
    const toolCalls: Array<Record<string, unknown>> = [];
    const { model, requests } = toolCallingModel([
      { toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }] },
      { text: "It is 21 °C." },
    ]);
    const outcome = await runEvaluation({
      plan: planOf(
        configuredPrompt("weather:3", { strategy: "tool-calling", tools: ["get_weather"] }),
        model,
        [{ type: "equals", value: "It is 21 °C." }],
      ),
      tools: [weatherTool(toolCalls)],
    });
    expect(toolCalls).toEqual([{ city: "Paris" }]);
    expect(requests).toHaveLength(2);
    expect(outcome.results[0]).toMatchObject({ status: "passed", inputTokens: 14 });
  });

  it("bounds a round's tool calls with the run's toolCallLimits, as the server's [toolCalls] does", async () => {
    const toolCalls: Array<Record<string, unknown>> = [];
    const cities = ["Paris", "Lyon", "Nice"];
    const { model, requests } = toolCallingModel([
      {
        toolCalls: cities.map((city, index) => ({
          id: `call_${index}`,
          name: "get_weather",
          arguments: { city },
        })),
      },
      { text: "Paris is 21 °C." },
    ]);
    const outcome = await runEvaluation({
      plan: planOf(
        configuredPrompt("weather:4", { strategy: "tool-calling", tools: ["get_weather"] }),
        model,
      ),
      tools: [weatherTool(toolCalls)],
      toolCallLimits: { maxCallsPerRound: 1 },
    });
    expect(toolCalls).toEqual([{ city: "Paris" }]);
    // The model read why the other two calls were not run.
    const second = JSON.stringify(requests[1]?.messages);
    expect(second.match(/at most 1 run per round/g)).toHaveLength(2);
    expect(outcome.results[0]?.status).toBe("passed");
  });

  it("refuses two tools with one name before running anything", async () => {
    const model = stubLanguageModel("test/react", [{ text: "x" }]);
    await expect(
      runEvaluation({
        plan: planOf(configuredPrompt("p", {}), model),
        tools: [weatherTool([]), weatherTool([])],
      }),
    ).rejects.toThrow(/two tools named "get_weather"/);
    expect(model.calls).toHaveLength(0);
  });

  it("runs structured output for a version with an output schema and no strategy, as /run does", async () => {
    const model = stubLanguageModel("test/structured", [
      { text: "It is warm." },
      { text: 'Here you go:\n```json\n{"celsius": 21}\n```' },
    ]);
    const prompt: EvalPrompt = {
      id: "weather:4",
      label: "weather:4",
      async render() {
        return {
          messages: [{ role: "user", content: [{ type: "text", text: "Weather in Paris?" }] }],
          outputSchema: {
            type: "object",
            properties: { celsius: { type: "number" } },
            required: ["celsius"],
          },
        };
      },
    };
    const outcome = await runEvaluation({
      plan: planOf(prompt, model, [{ type: "is-json" }, { type: "contains", value: "21" }]),
    });
    // The first answer is no JSON: one repair round, then the checked value is the output.
    expect(model.calls).toHaveLength(2);
    expect(JSON.parse(outcome.results[0]?.output ?? "null")).toEqual({ celsius: 21 });
    expect(outcome.results[0]?.status).toBe("passed");
  });
});
