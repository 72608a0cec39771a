import { compileStrategySchema, QuireError, type StrategyTool } from "@quire/core";
import { callHttpTool, type HttpToolEndpoint } from "./http-tool.js";
import {
  defaultToolMaxResponseBytes,
  defaultToolTimeoutMs,
  environmentVariablePattern,
  headerNamePattern,
  maximumToolResponseBytes,
  maximumToolTimeoutMs,
  type ToolConfig,
  toolNamePattern,
} from "./tool-config.js";

/** The bounds on one model round's tool calls (`[toolCalls]` of quire.toml). */
export interface ToolCallLimits {
  /** Most calls running at once (default 4). */
  maxParallelCalls: number;
  /** Most calls of one round run; the rest get an error result saying the limit (default 16). */
  maxCallsPerRound: number;
}

export const defaultToolCallLimits: ToolCallLimits = { maxParallelCalls: 4, maxCallsPerRound: 16 };

interface RegisteredTool {
  config: ToolConfig;
  endpoint: HttpToolEndpoint;
  tool: StrategyTool;
}

/**
 * The tools the operator configured (`[[tools]]`), made once at start: what a version's
 * `config.tools` may name and what ReAct and tool calling run on `/run`. Header values are read
 * from the environment then; a variable that is not set is a `problems()` entry (the server
 * warns) and that tool's calls answer an error result naming it.
 */
export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly missing: string[] = [];
  private readonly limits: ToolCallLimits;

  constructor(
    configs: readonly ToolConfig[] = [],
    environment: NodeJS.ProcessEnv = {},
    limits: Partial<ToolCallLimits> = {},
  ) {
    this.limits = { ...defaultToolCallLimits, ...limits };
    configs.forEach((config, index) => {
      checkToolConfig(config, index, this.tools);
      const headers: Record<string, string> = {};
      const missingVariables: string[] = [];
      for (const [header, variable] of Object.entries(config.headers ?? {})) {
        const value = environment[variable];
        if (value === undefined || value === "") {
          missingVariables.push(variable);
          this.missing.push(
            `tool "${config.name}": header ${header} names the environment variable ${variable}, which is not set; the tool's calls fail until the server starts with it`,
          );
        } else headers[header] = value;
      }
      const endpoint: HttpToolEndpoint = {
        name: config.name,
        url: config.url,
        timeoutMs: config.timeoutMs ?? defaultToolTimeoutMs,
        maxResponseBytes: config.maxResponseBytes ?? defaultToolMaxResponseBytes,
        headers,
        missingVariables,
      };
      const tool: StrategyTool = {
        name: config.name,
        ...(config.description === undefined ? {} : { description: config.description }),
        parameters: config.parameters,
        execute: (argumentsValue, context) =>
          callHttpTool(endpoint, argumentsValue, context.abortSignal),
      };
      this.tools.set(config.name, { config, endpoint, tool });
    });
  }

  /** The configured tools' names, in the order configured. */
  names(): string[] {
    return [...this.tools.keys()];
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  /** The tool with its HTTP handler, for a strategy; undefined when none has that name. */
  strategyTool(name: string): StrategyTool | undefined {
    return this.tools.get(name)?.tool;
  }

  /** How many of one round's tool calls run at once, and at most. */
  callLimits(): ToolCallLimits {
    return { ...this.limits };
  }

  /** What is configured but cannot work (header variables not set), in sentences. */
  problems(): string[] {
    return [...this.missing];
  }
}

function invalid(index: number, field: string, problem: string): QuireError {
  const where = `tools[${index}]${field === "" ? "" : `.${field}`}`;
  return new QuireError(
    "CONFIG_INVALID",
    `Invalid tool configuration: ${where} ${problem} (the [[tools]] tables of quire.toml, or the server's "tools" option).`,
    { details: { option: "tools", index, field, problem } },
  );
}

function checkWholeNumber(
  value: unknown,
  index: number,
  field: string,
  range: [number, number],
  unit: string,
): void {
  if (value === undefined) return;
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < range[0] ||
    value > range[1]
  ) {
    throw invalid(
      index,
      field,
      `must be a whole number of ${unit} from ${range[0]} to ${range[1]}`,
    );
  }
}

/** Throws CONFIG_INVALID naming the entry and field for anything quire.toml's schema refuses. */
function checkToolConfig(
  config: ToolConfig,
  index: number,
  known: ReadonlyMap<string, unknown>,
): void {
  if (typeof config.name !== "string" || !toolNamePattern.test(config.name)) {
    throw invalid(index, "name", 'must be 1–64 letters, digits, "_" or "-"');
  }
  if (known.has(config.name)) {
    throw invalid(index, "name", `repeats "${config.name}"; each tool needs its own name`);
  }
  if (config.description !== undefined && typeof config.description !== "string") {
    throw invalid(index, "description", "must be a string");
  }
  if (!/^https?:\/\/[^/]/.test(String(config.url)) || !URL.canParse(String(config.url))) {
    throw invalid(
      index,
      "url",
      'must be an http:// or https:// URL, like "http://127.0.0.1:8080/search"',
    );
  }
  const parameters: unknown = config.parameters;
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
    throw invalid(
      index,
      "parameters",
      'must be a JSON Schema table, like { type = "object", properties = {…} }',
    );
  }
  if ((parameters as { type?: unknown }).type !== "object") {
    throw invalid(
      index,
      "parameters",
      'must describe an object (type = "object"): a tool takes named arguments',
    );
  }
  try {
    compileStrategySchema(config.parameters, `parameters of tool "${config.name}"`);
  } catch (error) {
    throw invalid(
      index,
      "parameters",
      `is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  checkWholeNumber(config.timeoutMs, index, "timeoutMs", [1, maximumToolTimeoutMs], "milliseconds");
  checkWholeNumber(
    config.maxResponseBytes,
    index,
    "maxResponseBytes",
    [1, maximumToolResponseBytes],
    "bytes",
  );
  for (const [header, variable] of Object.entries(config.headers ?? {})) {
    if (!headerNamePattern.test(header)) {
      throw invalid(index, `headers.${header}`, "is not a valid header name");
    }
    if (typeof variable !== "string" || !environmentVariablePattern.test(variable)) {
      // The value is not echoed: it may be a pasted secret.
      throw invalid(
        index,
        `headers.${header}`,
        "must be the name of an environment variable holding the header's value, like SEARCH_AUTHORIZATION (its value is not shown: it may be a secret)",
      );
    }
  }
}
