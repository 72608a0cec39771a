import type { z } from "zod";
import type { JsonSchema } from "../../prompts/prompt-content.js";
import type { SchemaInput } from "../common/strategy-schema.js";

/** What a tool's `execute` is told about the call. */
export interface ToolExecutionContext {
  /** The model's id for the call (tool calling), or `react-<step>` (ReAct). */
  toolCallId: string;
  abortSignal?: AbortSignal;
}

/**
 * A tool a strategy (ReAct, tool calling) may let the model use. `parameters` is the JSON Schema
 * (or zod schema) of its arguments, an object; the arguments are checked against it before
 * `execute` runs. Whatever `execute` returns (text, or anything JSON can hold) becomes the
 * observation; what it throws becomes an error observation, never a failed strategy.
 */
export interface StrategyTool<Arguments = Record<string, unknown>> {
  name: string;
  description?: string;
  parameters: SchemaInput<Arguments>;
  execute(argumentsValue: Arguments, context: ToolExecutionContext): unknown;
}

/**
 * A tool the model may call that the strategy does not run: its caller does (an application's own
 * functions, as with OpenAI's API). Tool calling stops at a round that calls one and answers the
 * calls (`status: "client-tool-calls"`); their arguments are checked against `parameters` first.
 */
export interface ClientToolDefinition {
  name: string;
  description?: string;
  parameters: SchemaInput;
}

/** A tool typed from its zod schema: `execute` receives the parsed (and transformed) arguments. */
export function defineTool<Schema extends z.ZodType<Record<string, unknown>>>(tool: {
  name: string;
  description?: string;
  parameters: Schema;
  execute(argumentsValue: z.output<Schema>, context: ToolExecutionContext): unknown;
}): StrategyTool;
/** A tool whose arguments are described by a JSON Schema (arguments are an untyped object). */
export function defineTool(tool: {
  name: string;
  description?: string;
  parameters: JsonSchema;
  execute(argumentsValue: Record<string, unknown>, context: ToolExecutionContext): unknown;
}): StrategyTool;
export function defineTool(tool: StrategyTool): StrategyTool {
  return tool;
}
