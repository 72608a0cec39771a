import {
  type ClientToolDefinition,
  type JsonSchema,
  nearestWithinTwoEdits,
  QuireError,
  type StrategyTool,
} from "@quire/core";
import { z } from "zod";
import { toolNamePattern } from "./tool-config.js";
import { ToolRegistry } from "./tool-registry.js";

/** The tools a version may use on `/run`. */
export interface VersionTools {
  /** Configured tools (`[[tools]]`) that `config.tools` names: the server runs them. */
  tools: StrategyTool[];
  /** `config.toolDefinitions`: tools without a handler, answered to the caller (tool calling). */
  clientTools: ClientToolDefinition[];
}

const toolName = z.string().regex(toolNamePattern, 'must be 1–64 letters, digits, "_" or "-"');

const toolDefinitionSchema = z.strictObject({
  name: toolName,
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).refine((schema) => schema.type === "object", {
    message: 'must be a JSON Schema of an object (type: "object")',
  }),
});

const versionToolsSchema = z.object({
  tools: z.array(toolName).optional(),
  toolDefinitions: z.array(toolDefinitionSchema).optional(),
});

/** The registry of a server without `[[tools]]`. */
const noTools = new ToolRegistry();

function invalid(message: string, details: Record<string, unknown>): QuireError {
  return new QuireError("VALIDATION_FAILED", message, { details });
}

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}

/**
 * Reads a version's `config.tools` (names of configured tools, or of its own definitions) and
 * `config.toolDefinitions` (client-side tools: name, description, parameters), checked against
 * the configured tools. `where` names the version in messages (`"support/triage" v3`). Throws
 * VALIDATION_FAILED (422) for a malformed value, a name no tool has (naming it and listing the
 * configured ones), a definition named like a configured tool, or a name given twice.
 */
export function readVersionTools(
  config: Readonly<Record<string, unknown>>,
  registry: ToolRegistry = noTools,
  where = "the version",
): VersionTools {
  if (config.tools === undefined && config.toolDefinitions === undefined) {
    return { tools: [], clientTools: [] };
  }
  const parsed = versionToolsSchema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `config.${issue.path.map(String).join(".")}: ${issue.message}`,
    );
    throw invalid(
      `The tools of ${where} are invalid: ${problems.join("; ")}. config.tools lists tool names (["search"]); config.toolDefinitions lists {name, description, parameters} of tools the application runs.`,
      { problems },
    );
  }
  const configured = registry.names();
  const definitions = parsed.data.toolDefinitions ?? [];
  const defined = definitions.map((definition) => definition.name);
  const named = parsed.data.tools ?? [];
  const repeated = [...duplicates(named), ...duplicates(defined)];
  if (repeated.length > 0) {
    throw invalid(
      `The tools of ${where} name ${repeated.map((name) => `"${name}"`).join(", ")} twice; list each tool once.`,
      { repeated },
    );
  }
  const clashing = defined.filter((name) => registry.has(name));
  if (clashing.length > 0) {
    throw invalid(
      `config.toolDefinitions of ${where} defines ${clashing.map((name) => `"${name}"`).join(", ")}, already a configured tool of this server; rename the definition, or drop it and list the configured tool in config.tools.`,
      { clashing, configured },
    );
  }
  const unknown = named.filter((name) => !registry.has(name) && !defined.includes(name));
  if (unknown.length > 0) {
    const known = configured.length === 0 ? "none" : configured.join(", ");
    const hints = unknown
      .map((name) => [name, nearestWithinTwoEdits(name, [...configured, ...defined])] as const)
      .filter(([, suggestion]) => suggestion !== undefined)
      .map(([name, suggestion]) =>
        unknown.length === 1
          ? ` Did you mean "${suggestion}"?`
          : ` Did you mean "${suggestion}" for "${name}"?`,
      );
    const them = unknown.length === 1 ? "it" : "them";
    throw invalid(
      `config.tools of ${where} names ${unknown.map((name) => `"${name}"`).join(", ")}, which ${unknown.length === 1 ? "is not a configured tool" : "are not configured tools"} (configured tools: ${known}). Configure ${unknown.length === 1 ? "it as a [[tools]] table" : "them as [[tools]] tables"} in quire.toml, or declare ${them} in config.toolDefinitions for the application to run.${hints.join("")}`,
      { unknown, configured, defined },
    );
  }
  return {
    tools: named.flatMap((name) => registry.strategyTool(name) ?? []),
    clientTools: definitions.map((definition) => ({
      name: definition.name,
      ...(definition.description === undefined ? {} : { description: definition.description }),
      parameters: definition.parameters as JsonSchema,
    })),
  };
}

/** What `toolsForRun` reads of a prepared run. */
export interface ToolRunTarget {
  name: string;
  rendered: { version: number | null };
  config?: Readonly<Record<string, unknown>>;
  strategy: { strategy: string } | undefined;
}

/**
 * The tools a run offers the model: its version's `config.tools` and `config.toolDefinitions`,
 * checked against the configured tools (see `readVersionTools`). A ReAct or tool-calling version
 * that names no tool, and ReAct with tool definitions (it runs every tool itself), are refused
 * with VALIDATION_FAILED before any model call.
 */
export function toolsForRun(target: ToolRunTarget, registry: ToolRegistry = noTools): VersionTools {
  const where =
    target.rendered.version === null
      ? `the draft of "${target.name}"`
      : `"${target.name}" v${target.rendered.version}`;
  const tools = readVersionTools(target.config ?? {}, registry, where);
  const strategy = target.strategy?.strategy;
  if (strategy !== "react" && strategy !== "tool-calling") return tools;
  const configured = registry.names();
  if (tools.tools.length === 0 && tools.clientTools.length === 0) {
    throw invalid(
      `The ${strategy} strategy of ${where} needs tools, and its config names none: list configured tools in config.tools (configured: ${configured.length === 0 ? "none; add [[tools]] tables to quire.toml" : configured.join(", ")})${strategy === "tool-calling" ? ", or declare tools the application runs in config.toolDefinitions" : ""}.`,
      { strategy, configured },
    );
  }
  if (strategy === "react" && tools.clientTools.length > 0) {
    const names = tools.clientTools.map((tool) => tool.name);
    throw invalid(
      `The react strategy of ${where} runs every tool on the server, and config.toolDefinitions (${names.join(", ")}) have no handler here: configure them as [[tools]] in quire.toml and list them in config.tools, or use the tool-calling strategy, which answers their calls to the application.`,
      { strategy, clientTools: names, configured },
    );
  }
  return tools;
}
