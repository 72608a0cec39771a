import type { StrategyTool } from "@quire/core";
import type { ResolvedConfig } from "../config/resolve-config.js";

/**
 * The tools of `quire eval`: quire.toml's `[[tools]]`, built by the server's own ToolRegistry (the
 * same HTTP handler, headers from named environment variables, timeouts and size limits as on
 * `/run`), so ReAct and tool-calling prompts call the same endpoints in a local evaluation. The
 * server package is loaded only when tools are configured. Header variables that are not set are
 * passed to `warn` (those tools' calls answer an error result naming them). Throws
 * CONFIG_INVALID for a malformed table.
 */
export async function evalTools(
  quireConfig: ResolvedConfig,
  environment: Record<string, string | undefined>,
  warn: (message: string) => void,
): Promise<StrategyTool[]> {
  const configs = quireConfig.file?.values.tools ?? [];
  if (configs.length === 0) return [];
  const { ToolRegistry } = await import("@quire/server");
  const registry = new ToolRegistry(configs, environment);
  for (const problem of registry.problems()) warn(problem);
  return registry.names().flatMap((name) => registry.strategyTool(name) ?? []);
}
