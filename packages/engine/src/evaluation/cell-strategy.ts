import {
  type ClientToolDefinition,
  type JsonSchema,
  readStrategyConfig,
  type StrategyConfig,
  type StrategyTool,
} from "@quire/core";

/** How a cell's version answers when it declares a strategy other than one plain call. */
export interface CellStrategy {
  strategy: StrategyConfig;
  /** The run's tools that the version's `config.tools` names (handlers run them). */
  tools: StrategyTool[];
  /** The version's `config.toolDefinitions`: tools without handlers (tool calling stops at them). */
  clientTools: ClientToolDefinition[];
}

/** Why a cell cannot run its version's strategy: becomes an errored cell, never a crash. */
export interface CellStrategyProblem {
  class: "strategy" | "tools";
  message: string;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function namedTools(config: Readonly<Record<string, unknown>>): string[] | undefined {
  const { tools } = config;
  if (tools === undefined) return [];
  if (!Array.isArray(tools) || !tools.every((name) => typeof name === "string")) return undefined;
  return tools;
}

function clientToolsOf(
  config: Readonly<Record<string, unknown>>,
): ClientToolDefinition[] | undefined {
  const { toolDefinitions } = config;
  if (toolDefinitions === undefined) return [];
  if (!Array.isArray(toolDefinitions)) return undefined;
  const definitions: ClientToolDefinition[] = [];
  for (const definition of toolDefinitions) {
    if (!isRecord(definition) || typeof definition.name !== "string") return undefined;
    if (!isRecord(definition.parameters)) return undefined;
    definitions.push({
      name: definition.name,
      ...(typeof definition.description === "string"
        ? { description: definition.description }
        : {}),
      parameters: definition.parameters as JsonSchema,
    });
  }
  return definitions;
}

/**
 * Reads what a cell's version declares in its config: `strategy` (core's `readStrategyConfig`),
 * `tools` (names of tools the run must give) and `toolDefinitions` (client-side tools). A version
 * with an output schema and no strategy runs structured output, as `POST /run` does.
 * Undefined: no strategy, or `direct` (one plain call). A problem when the config is malformed or
 * names tools the run does not have (`available`), naming the missing ones.
 */
export function cellStrategyOf(
  declaredConfig: Readonly<Record<string, unknown>> | undefined,
  available: ReadonlyMap<string, StrategyTool>,
  promptId: string,
  outputSchema?: JsonSchema | null,
): CellStrategy | CellStrategyProblem | undefined {
  const hasOutputSchema = outputSchema !== undefined && outputSchema !== null;
  if (declaredConfig === undefined && !hasOutputSchema) return undefined;
  const config = declaredConfig ?? {};
  let strategy: StrategyConfig | undefined;
  try {
    strategy =
      readStrategyConfig({ ...config }) ??
      (hasOutputSchema ? { strategy: "structured-output" } : undefined);
  } catch (error) {
    return { class: "strategy", message: `prompt ${promptId}: ${describe(error)}` };
  }
  const named = namedTools(config);
  const clientTools = clientToolsOf(config);
  if (named === undefined || clientTools === undefined) {
    return {
      class: "tools",
      message: `prompt ${promptId}: config.tools must list tool names and config.toolDefinitions {name, description, parameters} objects; fix the version's config`,
    };
  }
  const defined = new Set(clientTools.map((tool) => tool.name));
  const missing = named.filter((name) => !available.has(name) && !defined.has(name));
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(", ");
    const known = available.size === 0 ? "none" : [...available.keys()].join(", ");
    return {
      class: "tools",
      message: `prompt ${promptId} uses ${missing.length === 1 ? "the tool" : "the tools"} ${list}, which this evaluation does not have (tools given: ${known}); configure ${missing.length === 1 ? "it" : "them"} as [[tools]] in quire.toml (quire eval, the server) or pass ${missing.length === 1 ? "it" : "them"} in runEvaluation's tools`,
    };
  }
  if (strategy === undefined || strategy.strategy === "direct") return undefined;
  return {
    strategy,
    tools: named.flatMap((name) => available.get(name) ?? []),
    clientTools,
  };
}

/** True when `cellStrategyOf` found a problem rather than a strategy. */
export function isStrategyProblem(
  value: CellStrategy | CellStrategyProblem | undefined,
): value is CellStrategyProblem {
  return value !== undefined && "message" in value;
}
