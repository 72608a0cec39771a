import { QuireError } from "../../errors/index.js";
import type { ToolDefinition } from "../../models/language-model.js";
import type { JsonSchema } from "../../prompts/prompt-content.js";
import type { ValidationProblem } from "../../schemas/validation-problem.js";
import { type CompiledSchema, compileStrategySchema } from "../common/strategy-schema.js";
import type { ClientToolDefinition, StrategyTool, ToolExecutionContext } from "./strategy-tool.js";

/** How one tool call went; `text` is what the model is shown (observation or tool message). */
export type ToolOutcome =
  | { status: "ok"; output: unknown; text: string }
  | { status: "unknown-tool"; text: string }
  | { status: "invalid-arguments"; problems: ValidationProblem[]; text: string }
  | { status: "error"; error: string; text: string };

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Observations longer than this are cut (with a note saying so) unless a strategy says otherwise. */
export const defaultMaxToolOutputCharacters = 8_000;

function serialize(output: unknown): string {
  if (typeof output === "string") return output;
  if (output === undefined) return "(the tool returned nothing)";
  try {
    return JSON.stringify(output) ?? String(output);
  } catch {
    return String(output);
  }
}

function truncated(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… (cut: ${text.length - limit} more characters)`;
}

/** Arguments that match a tool's parameters, or the outcome that says why they do not. */
export type ToolArgumentsCheck =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; outcome: Extract<ToolOutcome, { status: "unknown-tool" | "invalid-arguments" }> };

interface ToolEntry {
  tool: ClientToolDefinition;
  schema: CompiledSchema;
  /** Undefined for a client-side tool: its caller runs it. */
  execute: StrategyTool["execute"] | undefined;
}

/**
 * A strategy's tools, checked once: unique valid names, compiled argument schemas. Client-side
 * tools (definitions without a handler) are described to the model like the others; `call`
 * refuses to run them, `check` checks their arguments for the caller.
 */
export class ToolBox {
  private readonly tools = new Map<string, ToolEntry>();

  constructor(
    tools: readonly StrategyTool[],
    private readonly maxOutputCharacters = defaultMaxToolOutputCharacters,
    clientTools: readonly ClientToolDefinition[] = [],
  ) {
    const all = [
      ...tools.map((tool) => ({ tool, execute: tool.execute.bind(tool) })),
      ...clientTools.map((tool) => ({ tool, execute: undefined })),
    ];
    for (const { tool, execute } of all) {
      if (!toolNamePattern.test(tool.name)) {
        throw new QuireError(
          "VALIDATION_FAILED",
          `The tool name ${JSON.stringify(tool.name)} is not allowed: use 1–64 letters, digits, "_" or "-"`,
          { details: { tool: tool.name } },
        );
      }
      if (this.tools.has(tool.name)) {
        throw new QuireError(
          "VALIDATION_FAILED",
          `Two tools are named "${tool.name}"; rename one`,
          {
            details: { tool: tool.name },
          },
        );
      }
      const schema = compileStrategySchema(tool.parameters, `parameters of tool "${tool.name}"`);
      this.tools.set(tool.name, { tool, schema, execute });
    }
  }

  get names(): string[] {
    return [...this.tools.keys()];
  }

  /** The JSON Schema of a tool's arguments; undefined for an unknown tool. */
  parametersOf(name: string): JsonSchema | undefined {
    return this.tools.get(name)?.schema.jsonSchema;
  }

  /** The tools as the model interface describes them. */
  definitions(): ToolDefinition[] {
    return [...this.tools.values()].map(({ tool, schema }) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: schema.jsonSchema,
    }));
  }

  /** True for a tool given as a definition without a handler (its caller runs it). */
  isClientSide(name: string): boolean {
    const entry = this.tools.get(name);
    return entry !== undefined && entry.execute === undefined;
  }

  /** Checks a call's arguments against the tool's parameters (unknown tools fail too). */
  check(name: string, argumentsValue: unknown): ToolArgumentsCheck {
    const entry = this.tools.get(name);
    if (entry === undefined) {
      const available = this.names.length === 0 ? "none" : this.names.join(", ");
      return {
        ok: false,
        outcome: {
          status: "unknown-tool",
          text: `Error: there is no tool named "${name}". Available tools: ${available}.`,
        },
      };
    }
    const checked = entry.schema.check(argumentsValue);
    if (checked.ok) return { ok: true, value: checked.value as Record<string, unknown> };
    const lines = checked.problems.map((problem) => `- ${problem.message}`).join("\n");
    return {
      ok: false,
      outcome: {
        status: "invalid-arguments",
        problems: checked.problems,
        text: `Error: the arguments for "${name}" do not match its parameters:\n${lines}\nParameters (JSON Schema): ${JSON.stringify(entry.schema.jsonSchema)}`,
      },
    };
  }

  /** Checks the arguments and runs the tool; every failure becomes an outcome, never a throw. */
  async call(
    name: string,
    argumentsValue: unknown,
    context: ToolExecutionContext,
  ): Promise<ToolOutcome> {
    const checked = this.check(name, argumentsValue);
    if (!checked.ok) return checked.outcome;
    const execute = this.tools.get(name)?.execute;
    if (execute === undefined) {
      return {
        status: "error",
        error: "client-side tool",
        text: `Error: the tool "${name}" is run by the application, not here.`,
      };
    }
    try {
      const output = await execute(checked.value, context);
      return { status: "ok", output, text: truncated(serialize(output), this.maxOutputCharacters) };
    } catch (error) {
      context.abortSignal?.throwIfAborted();
      const message = error instanceof Error ? error.message : String(error);
      return {
        status: "error",
        error: message,
        text: `Error: the tool "${name}" failed: ${message}`,
      };
    }
  }
}
