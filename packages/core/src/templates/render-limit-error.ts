import { QuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { engineDisplayNames } from "./engine-display-name.js";
import type { RenderLimits } from "./render-limits.js";

/**
 * What stopped a render: one of the configurable render limits, nesting (partials or includes
 * 100 deep, or the JavaScript stack: recursion without end), or Liquid's allocation limit
 * (derived from the configurable ones).
 */
export type RenderLimitName = keyof RenderLimits | "nestingDepth" | "liquidMemory";

const explanations: Record<RenderLimitName, (value: number) => string> = {
  maxOutputBytes: (value) =>
    `its output, or a text it built on the way, is over ${count(value)} bytes (render limit maxOutputBytes); make the output shorter (loop over less data, repeat less) or raise maxOutputBytes`,
  maxLoopIterations: (value) =>
    `it ran more than ${count(value)} loop iterations (render limit maxLoopIterations); loop over less data, avoid nesting loops over large lists, or raise maxLoopIterations`,
  maxRenderMs: (value) =>
    `it took longer than ${count(value)} ms (render limit maxRenderMs); loop and recurse less, or raise maxRenderMs`,
  nestingDepth: (value) =>
    `it nested too deeply (${value > 0 ? `partials or includes more than ${count(value)} levels deep` : "deeper than the JavaScript stack allows"}): a partial, include or macro that includes itself without end, or variables nested too deeply; end the recursion`,
  liquidMemory: (value) =>
    `a range or filter would allocate more than ${count(value)} list items or characters (Liquid's allocation limit: the larger of maxOutputBytes and maxLoopIterations for one allocation, 16 times that for the whole render); use smaller ranges and inputs, or raise those limits`,
};

function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** QuireError("TEMPLATE_RENDER") for a render stopped by a limit, with {engine, limit, value}. */
export function renderLimitError(
  engine: EngineName,
  limit: RenderLimitName,
  value: number | null,
  details: Record<string, unknown> = {},
): QuireError {
  return new QuireError(
    "TEMPLATE_RENDER",
    `${engineDisplayNames[engine]} stopped the render: ${explanations[limit](value ?? 0)}`,
    { details: { engine, limit, value, ...details } },
  );
}

/**
 * The limit a JavaScript failure inside an engine means: a stack overflow is recursion without
 * end, a string too long for the JavaScript engine is output far over any limit.
 */
export function limitOfRuntimeFailure(
  error: unknown,
): "nestingDepth" | "maxOutputBytes" | undefined {
  if (!(error instanceof RangeError)) return undefined;
  if (error.message.includes("call stack")) return "nestingDepth";
  if (error.message.includes("string length")) return "maxOutputBytes";
  return undefined;
}
