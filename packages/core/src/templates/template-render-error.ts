import { isQuireError, QuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { engineDisplayNames } from "./engine-display-name.js";

/**
 * Wraps an engine's failure while rendering in QuireError("TEMPLATE_RENDER"). `reason` replaces
 * the engine's own message when the engine decorates it (nunjucks prefixes a file path).
 */
export function templateRenderError(
  engine: EngineName,
  error: unknown,
  reason?: string,
  details: Record<string, unknown> = {},
): QuireError {
  if (isQuireError(error)) return error;
  const message = reason ?? (error instanceof Error ? error.message : String(error));
  return new QuireError(
    "TEMPLATE_RENDER",
    `${engineDisplayNames[engine]} could not render the template: ${message}`,
    { details: { engine, ...details }, cause: error },
  );
}
