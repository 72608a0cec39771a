import { QuireError, type RenderLimits, resolveRenderLimits } from "@quire/core";
import type { Environment, ResolvedConfig } from "./resolve-config.js";

/** Each limit's variable and quire.toml key: the ones `quire serve` reads, for the same limits. */
const limitSources = [
  { limit: "maxRenderMs", variable: "QUIRE_RENDER_MAX_MS", minimum: 1 },
  { limit: "maxOutputBytes", variable: "QUIRE_RENDER_MAX_OUTPUT_BYTES", minimum: 1024 },
  { limit: "maxLoopIterations", variable: "QUIRE_RENDER_MAX_LOOP_ITERATIONS", minimum: 1 },
] as const satisfies ReadonlyArray<{
  limit: keyof RenderLimits;
  variable: string;
  minimum: number;
}>;

/**
 * The render limits for local `.prompt` files (`quire render FILE`, `quire tokens FILE`,
 * `quire eval`): the QUIRE_RENDER_* variables, then quire.toml's `[render]`, then core's
 * defaults — the same settings, in the same order, as the server's, so a template that the
 * server would stop stops here with the same error.
 */
export function localRenderLimits(
  config: Pick<ResolvedConfig, "file">,
  environment: Environment,
): RenderLimits {
  const table = config.file?.values.render;
  const limits: Partial<RenderLimits> = {};
  for (const { limit, variable, minimum } of limitSources) {
    const text = environment[variable];
    if (text !== undefined && text.trim() !== "") {
      const value = Number(text.trim());
      if (!Number.isInteger(value) || value < minimum) {
        throw new QuireError(
          "CONFIG_INVALID",
          `${variable} must be a whole number, ${minimum} or more, got ${JSON.stringify(text)}: fix or unset it (or set [render] ${limit} in quire.toml).`,
          { details: { variable, value: text } },
        );
      }
      limits[limit] = value;
      continue;
    }
    const fromFile = table?.[limit];
    if (fromFile !== undefined) limits[limit] = fromFile;
  }
  return resolveRenderLimits(limits);
}
