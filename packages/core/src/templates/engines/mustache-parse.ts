import Mustache from "mustache";
import type { QuireError } from "../../errors/index.js";
import { positionOfOffset, templateSyntaxError } from "../template-syntax-error.js";

/** Mustache's tokens: [type, value, start, end, children or indentation, …]. */
export type MustacheToken = [string, string, number, number, ...unknown[]];

function reasonOf(message: string, offset: number, source: string): string {
  const unopened = /^Unopened section "(.*)"/.exec(message);
  if (unopened !== null) return `{{/${unopened[1]}}} closes a section that was never opened`;
  const unclosed = /^Unclosed section "(.*)"/.exec(message);
  if (unclosed !== null) {
    return offset < source.length
      ? `section {{#${unclosed[1]}}} is closed by another tag; expected {{/${unclosed[1]}}}`
      : `section {{#${unclosed[1]}}} is not closed; expected {{/${unclosed[1]}}}`;
  }
  if (message.startsWith("Unclosed tag")) return "a tag is not closed; expected }}";
  return message.replace(/ at \d+$/, "");
}

/** Turns what Mustache threw for `source` into QuireError("TEMPLATE_SYNTAX"). */
export function mustacheSyntaxError(source: string, error: unknown, partial?: string): QuireError {
  const message = error instanceof Error ? error.message : String(error);
  const offset = Number(/ at (\d+)$/.exec(message)?.[1] ?? source.length);
  return templateSyntaxError(
    "mustache",
    source,
    positionOfOffset(source, offset),
    reasonOf(message, offset, source),
    { cause: error, ...(partial === undefined ? {} : { partial }) },
  );
}

/** Parses a template with the writer (which caches the tokens), or throws TEMPLATE_SYNTAX. */
export function parseMustache(
  writer: Mustache.Writer,
  source: string,
  partial?: string,
): MustacheToken[] {
  try {
    return writer.parse(source) as MustacheToken[];
  } catch (error) {
    throw mustacheSyntaxError(source, error, partial);
  }
}

/** A writer that keeps nothing between calls, for reading a template's variables. */
export function uncachedWriter(): Mustache.Writer {
  const writer = new Mustache.Writer();
  (writer as unknown as { templateCache: undefined }).templateCache = undefined;
  return writer;
}
