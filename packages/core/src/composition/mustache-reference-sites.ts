import {
  type MustacheToken,
  parseMustache,
  uncachedWriter,
} from "../templates/engines/mustache-parse.js";
import { templateSyntaxError } from "../templates/template-syntax-error.js";
import { componentReferenceProblem, parseComponentReference } from "./component-reference.js";
import { invalidReferenceError } from "./invalid-reference-error.js";
import type { ReferenceSite } from "./reference-site.js";
import { lineStarts, positionOf } from "./source-offsets.js";

/** Partial tags, in sections too: `[">", name, start, end, …]`; sections keep theirs at [4]. */
function partialTokens(tokens: readonly MustacheToken[], found: MustacheToken[]): MustacheToken[] {
  for (const token of tokens) {
    if (token[0] === ">") found.push(token);
    if ((token[0] === "#" || token[0] === "^") && Array.isArray(token[4])) {
      partialTokens(token[4] as MustacheToken[], found);
    }
  }
  return found;
}

/**
 * The component references of a Mustache template: its partial tags (`{{> name}}`), read by
 * Mustache's own parser (so comments and sections are understood).
 * @throws QuireError("TEMPLATE_SYNTAX") for a template that does not parse, a reference that is
 * not `name`, `name@label` or `name:version`, or one written after the delimiters changed.
 */
export function mustacheReferenceSites(source: string): ReferenceSite[] {
  if (!source.includes(">")) return [];
  const tokens = parseMustache(uncachedWriter(), source);
  const starts = lineStarts(source);
  const sites: ReferenceSite[] = [];
  for (const [, written, start, end] of partialTokens(tokens, [])) {
    const position = positionOf(starts, start);
    if (!source.startsWith("{{", start)) {
      throw templateSyntaxError(
        "mustache",
        source,
        position,
        `the component reference "${written}" is written with changed delimiters; write component references with the default {{ }} delimiters`,
      );
    }
    const nameStart = source.indexOf(written, start + 3);
    if (componentReferenceProblem(written) !== undefined) {
      throw invalidReferenceError("mustache", source, positionOf(starts, nameStart), written);
    }
    sites.push({
      reference: parseComponentReference(written),
      written,
      line: position.line,
      column: position.column,
      start,
      end,
      nameStart,
      nameEnd: nameStart + written.length,
      form: "inline",
      strip: { open: false, close: false },
    });
  }
  return sites;
}

/** True when a Mustache template changes its delimiters (`{{=<% %>=}}`) anywhere. */
export function mustacheChangesDelimiters(source: string): boolean {
  if (!source.includes("=")) return false;
  const visit = (tokens: readonly MustacheToken[]): boolean =>
    tokens.some(
      (token) =>
        token[0] === "=" ||
        ((token[0] === "#" || token[0] === "^") &&
          Array.isArray(token[4]) &&
          visit(token[4] as MustacheToken[])),
    );
  return visit(parseMustache(uncachedWriter(), source));
}
