/** Helpers shared by core's unit tests (not part of the package: excluded from the build). */
import { isQuireError, type QuireError } from "../errors/index.js";
import type { TemplateEngine, TemplateVariable } from "../templates/template-engine.js";

/** Runs `run` and returns the QuireError it throws; fails when it throws nothing or another error. */
export function thrown(run: () => unknown): QuireError {
  try {
    run();
  } catch (error) {
    if (isQuireError(error)) return error;
    throw error;
  }
  throw new Error("expected a QuireError");
}

/** Compiles with the engine (and partials, if given) and renders in one call. */
export function rendererOf(engine: TemplateEngine) {
  return (
    source: string,
    variables: Record<string, unknown> = {},
    partials?: Record<string, string>,
  ): string => engine.compile(source, partials === undefined ? {} : { partials })(variables);
}

export const value = (name: string): TemplateVariable => ({ name, kind: "value", properties: [] });
export const object = (name: string, ...properties: TemplateVariable[]): TemplateVariable => ({
  name,
  kind: "object",
  properties,
});
export const list = (name: string, ...properties: TemplateVariable[]): TemplateVariable => ({
  name,
  kind: "list",
  properties,
});
