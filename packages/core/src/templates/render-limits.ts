import { QuireError } from "../errors/index.js";

/**
 * How much one render may do. Templates are written by many people and rendered on a shared
 * server, so every engine stops a render that goes over one of these with
 * QuireError("TEMPLATE_RENDER") whose details name the limit, its value and the engine.
 */
export interface RenderLimits {
  /**
   * Largest output, in bytes of UTF-8; also the largest text a template may build on the way
   * (a captured block, a joined or repeated string, a filter's result). Default 1 MB.
   */
  maxOutputBytes: number;
  /** Most loop iterations (`each`, `for`, sections…) in one render, nested loops counted in
   * full. Default 1,000,000. */
  maxLoopIterations: number;
  /** Longest render, in milliseconds of wall-clock time. Default 100. */
  maxRenderMs: number;
}

export const defaultRenderLimits: Readonly<RenderLimits> = Object.freeze({
  maxOutputBytes: 1024 * 1024,
  maxLoopIterations: 1_000_000,
  maxRenderMs: 100,
});

const limitNames = Object.keys(defaultRenderLimits) as (keyof RenderLimits)[];

/**
 * The limits with defaults filled in. Each given value must be a positive number (`Infinity`
 * turns that limit off); anything else is refused with VALIDATION_FAILED naming the option.
 */
export function resolveRenderLimits(limits: Partial<RenderLimits> | undefined): RenderLimits {
  if (limits === undefined) return defaultRenderLimits;
  const resolved: RenderLimits = { ...defaultRenderLimits };
  for (const name of limitNames) {
    const value: unknown = limits[name];
    if (value === undefined) continue;
    if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `Render limit ${name} must be a positive number (Infinity for no limit), got ${typeof value === "number" ? String(value) : (JSON.stringify(value) ?? String(value))}`,
        { details: { option: name, value: typeof value === "number" ? value : String(value) } },
      );
    }
    resolved[name] = value;
  }
  return resolved;
}
