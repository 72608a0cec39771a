import { QuireError } from "../../errors/index.js";
import type { ChatMessage } from "../../model-formats/chat-message.js";
import type { GenerateResult, LanguageModel } from "../../models/language-model.js";
import { textOfMessage } from "../common/message-text.js";
import { requestFor, type StrategyCallOptions } from "../common/strategy-options.js";
import type { SchemaInput } from "../common/strategy-schema.js";
import { type StrategyUsage, UsageMeter } from "../common/usage-meter.js";
import { type ReactResult, runReact } from "../react/react-agent.js";
import { patternAnswerExtractor } from "../self-consistency/answer-extractors.js";
import {
  type SelfConsistencyResult,
  selfConsistency,
} from "../self-consistency/self-consistency.js";
import {
  generateStructured,
  type StructuredOutputResult,
} from "../structured-output/generate-structured.js";
import { runToolCalls, type ToolCallingResult } from "../tool-calling/run-tool-calls.js";
import type { ClientToolDefinition, StrategyTool } from "../tools/strategy-tool.js";
import { type TreeOfThoughtsResult, treeOfThoughts } from "../tree-of-thoughts/tree-of-thoughts.js";
import type { StrategyConfig } from "./strategy-config.js";

export interface RunStrategyOptions extends StrategyCallOptions {
  /** The rendered prompt. */
  messages: ChatMessage[];
  /** From `readStrategyConfig(version.config)`; undefined runs one plain call (`direct`). */
  strategy: StrategyConfig | undefined;
  /** Tools with their handlers, for `react` and `tool-calling`. */
  tools?: StrategyTool[];
  /**
   * Tools without handlers, for `tool-calling` only: a round that calls one ends the run with
   * the calls for the caller to run (`result.status: "client-tool-calls"`). ReAct refuses them.
   */
  clientTools?: ClientToolDefinition[];
  /** The version's output schema, for `structured-output` (the config's `schema` wins). */
  outputSchema?: SchemaInput | null;
  /**
   * Tool calling: the conversation after `messages` to go on from (the assistant's earlier tool
   * calls and their results, as an application sends them back); default none.
   */
  continuation?: ChatMessage[];
  /** Tool calling: the runner's bounds on one round's tool calls (see `ToolCallingOptions`). */
  toolCallLimits?: ToolCallLimits;
}

/** Bounds on one model round's tool calls: how many run at once, and how many run at all. */
export interface ToolCallLimits {
  maxParallelCalls?: number;
  maxCallsPerRound?: number;
}

interface RunBase {
  /** The answer as text: what the run endpoint returns as the output. */
  text: string;
  /** Every call the strategy made, and the tokens they used. */
  usage: StrategyUsage;
}

/** What a strategy run gives: the answer, the usage, and the strategy's own full result. */
export type StrategyRun =
  | (RunBase & { strategy: "direct"; result: GenerateResult })
  | (RunBase & { strategy: "self-consistency"; result: SelfConsistencyResult })
  | (RunBase & { strategy: "tree-of-thoughts"; result: TreeOfThoughtsResult })
  | (RunBase & { strategy: "react"; result: ReactResult })
  | (RunBase & {
      strategy: "structured-output";
      result: StructuredOutputResult<unknown>;
      value: unknown;
    })
  | (RunBase & { strategy: "tool-calling"; result: ToolCallingResult });

function textOfRole(messages: ChatMessage[], role: ChatMessage["role"]): string {
  return messages
    .filter((message) => message.role === role)
    .map(textOfMessage)
    .filter((text) => text !== "")
    .join("\n\n");
}

function needTools(
  strategy: string,
  tools: StrategyTool[] | undefined,
  clientTools: ClientToolDefinition[] = [],
): StrategyTool[] {
  if (strategy === "react" && clientTools.length > 0) {
    const names = clientTools.map((tool) => tool.name);
    throw new QuireError(
      "VALIDATION_FAILED",
      `The react strategy runs every tool itself, and ${names.join(", ")} ${names.length === 1 ? "has" : "have"} no handler; give ${names.length === 1 ? "it a handler" : "them handlers"}, or use the tool-calling strategy, which answers such calls to the caller`,
      { details: { strategy, clientTools: names } },
    );
  }
  if ((tools !== undefined && tools.length > 0) || clientTools.length > 0) return tools ?? [];
  throw new QuireError(
    "VALIDATION_FAILED",
    `The ${strategy} strategy needs tools, and none were given; register the tools (name, parameters and handler) this prompt may call, or choose another strategy`,
    { details: { strategy } },
  );
}

/**
 * Runs the strategy a version declares (see `readStrategyConfig`) on rendered messages: the one
 * entry point the run endpoint calls. Model errors are thrown as the strategy throws them; ReAct
 * and tool calling that run out of steps return normally with their status in `result`.
 */
export async function runStrategy(
  model: LanguageModel,
  options: RunStrategyOptions,
): Promise<StrategyRun> {
  const {
    strategy: config = { strategy: "direct" },
    messages,
    tools,
    clientTools,
    outputSchema,
    continuation,
    toolCallLimits,
    ...call
  } = options;
  if (continuation !== undefined && continuation.length > 0 && config.strategy !== "tool-calling") {
    throw new QuireError(
      "VALIDATION_FAILED",
      `A continuation (tool calls and their results) goes on a tool-calling conversation, and the strategy is ${config.strategy}; send no continuation, or use the tool-calling strategy`,
      { details: { strategy: config.strategy } },
    );
  }
  switch (config.strategy) {
    case "direct": {
      const meter = new UsageMeter(model);
      const result = await meter.generate(requestFor(messages, call));
      return { strategy: "direct", text: result.text, usage: meter.usage(), result };
    }
    case "self-consistency": {
      const { strategy: _name, answer, answerPattern, ...rest } = config;
      const result = await selfConsistency(model, {
        ...call,
        ...rest,
        messages,
        extractAnswer:
          answerPattern === undefined ? (answer ?? "auto") : patternAnswerExtractor(answerPattern),
      });
      return { strategy: "self-consistency", text: result.answer, usage: result.usage, result };
    }
    case "tree-of-thoughts": {
      const { strategy: _name, ...rest } = config;
      const system = textOfRole(messages, "system");
      const result = await treeOfThoughts(model, {
        ...call,
        ...rest,
        problem: textOfRole(messages, "user"),
        ...(system === "" ? {} : { system }),
      });
      const text = result.answer ?? result.bestPath.map((step) => step.thought).join("\n");
      return { strategy: "tree-of-thoughts", text, usage: result.usage, result };
    }
    case "react": {
      const { strategy: _name, ...rest } = config;
      const result = await runReact(model, {
        ...call,
        ...rest,
        messages,
        tools: needTools("react", tools, clientTools),
      });
      return { strategy: "react", text: result.answer ?? "", usage: result.usage, result };
    }
    case "tool-calling": {
      const { strategy: _name, ...rest } = config;
      const result = await runToolCalls(model, {
        ...call,
        ...rest,
        ...toolCallLimits,
        messages: continuation === undefined ? messages : [...messages, ...continuation],
        tools: needTools("tool-calling", tools, clientTools),
        ...(clientTools === undefined ? {} : { clientTools }),
      });
      return { strategy: "tool-calling", text: result.text, usage: result.usage, result };
    }
    case "structured-output": {
      const { strategy: _name, schema: configSchema, ...rest } = config;
      const schema = configSchema ?? outputSchema ?? undefined;
      if (schema === undefined) {
        throw new QuireError(
          "VALIDATION_FAILED",
          "The structured-output strategy needs a schema: give the version an output schema, or set config.strategy.schema",
          { details: { strategy: "structured-output" } },
        );
      }
      const result = await generateStructured(model, { ...call, ...rest, messages, schema });
      return {
        strategy: "structured-output",
        text: result.text,
        value: result.value,
        usage: result.usage,
        result,
      };
    }
  }
}
