import { Liquid, type LiquidOptions, type Template } from "liquidjs";
import type { QuireError } from "../../errors/index.js";
import { endPosition, type SourcePosition, templateSyntaxError } from "../template-syntax-error.js";

/** liquidjs options Quire uses everywhere: own properties only, unknown filters are errors. */
export function createLiquid(
  partials: Record<string, string>,
  cache?: LiquidOptions["cache"],
): Liquid {
  return new Liquid({
    // Templates are untrusted: never read inherited properties (constructor, __proto__…).
    ownPropertyOnly: true,
    // A misspelt filter is a mistake to report when the template is saved, not silently ignored.
    strictFilters: true,
    // Partials come from memory, never from a file system.
    templates: partials,
    ...(cache === undefined ? {} : { cache }),
  });
}

interface LiquidErrorShape {
  message?: string;
  originalError?: { message?: string };
  token?: { getPosition?: () => [number, number] };
}

function reasonOf(error: LiquidErrorShape): string {
  const message = error.originalError?.message ?? error.message ?? String(error);
  const reason = message.replace(/, line:\d+, col:\d+$/, "");
  const unclosed = /^tag (\{%-?\s*(\w+)[\s\S]*?%\}) not closed$/.exec(reason);
  if (unclosed !== null) return `${unclosed[1]} is not closed; expected {% end${unclosed[2]} %}`;
  const unfinished = /^(tag|output) "([\s\S]*)" not closed$/.exec(reason);
  if (unfinished !== null) {
    return `${unfinished[1]} "${unfinished[2]}" is not closed; expected ${unfinished[1] === "tag" ? "%}" : "}}"}`;
  }
  const unknownTag = /^tag "(\w+)" not found$/.exec(reason);
  if (unknownTag !== null) {
    const name = unknownTag[1] ?? "";
    return name.startsWith("end")
      ? `{% ${name} %} does not close an open tag here`
      : `unknown tag "${name}"`;
  }
  return reason;
}

/** The 1-based place a liquidjs error points at. */
export function liquidErrorPosition(error: unknown): SourcePosition | undefined {
  const position = (error as LiquidErrorShape)?.token?.getPosition?.();
  return position === undefined ? undefined : { line: position[0], column: position[1] };
}

/** Turns what liquidjs threw for `source` into QuireError("TEMPLATE_SYNTAX"). */
export function liquidSyntaxError(source: string, error: unknown, partial?: string): QuireError {
  const position = liquidErrorPosition(error) ?? endPosition(source);
  const options = { cause: error, ...(partial === undefined ? {} : { partial }) };
  return templateSyntaxError(
    "liquid",
    source,
    position,
    reasonOf(error as LiquidErrorShape),
    options,
  );
}

/** Parses a template, or throws QuireError("TEMPLATE_SYNTAX"). */
export function parseLiquid(liquid: Liquid, source: string, partial?: string): Template[] {
  try {
    return liquid.parse(source, partial);
  } catch (error) {
    throw liquidSyntaxError(source, error, partial);
  }
}

/** The reason of a liquidjs error without its ", line:1, col:2" suffix. */
export function liquidErrorReason(error: unknown): string {
  return reasonOf(error as LiquidErrorShape);
}
