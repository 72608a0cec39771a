import { isQuireError, QuireError } from "../errors/index.js";
import { parseHandlebars } from "../templates/engines/handlebars-parse.js";
import { handlebarsSetup } from "../templates/engines/handlebars-setup.js";
import { sourceExcerpt } from "../templates/template-syntax-error.js";
import { componentReferenceProblem, parseComponentReference } from "./component-reference.js";
import { invalidReferenceError } from "./invalid-reference-error.js";
import type { ReferenceSite } from "./reference-site.js";
import { lineStarts, offsetOf, positionOf } from "./source-offsets.js";

/**
 * `{{>` or `{{~>`, then the partial's name. Handlebars' lexer refuses `@` inside a name and reads
 * a trailing number segment (`a/1`) as a number, so before parsing each name is replaced by
 * `q`s of the same length: the parser then accepts every reference and every position stays.
 */
const partialTagPattern = /\{\{~?>\s*([^\s}~()"'=]+)/g;

interface PartialNode {
  type: string;
  name: { type: string; loc: hbs.AST.SourceLocation };
  params: unknown[];
  hash?: { pairs: unknown[] };
  strip?: { open?: boolean; close?: boolean };
  loc: hbs.AST.SourceLocation;
}

/** Names defined by `{{#*inline "name"}}`: `{{> name}}` calls those, not a component. */
function collectPartials(program: hbs.AST.Program): { partials: PartialNode[]; inline: string[] } {
  const partials: PartialNode[] = [];
  const inline: string[] = [];
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as { type?: string; path?: { original?: unknown }; params?: unknown[] };
    if (node.type === "PartialStatement") partials.push(node as unknown as PartialNode);
    const first = node.params?.[0] as { type?: string; value?: unknown } | undefined;
    if (
      node.type === "DecoratorBlock" &&
      node.path?.original === "inline" &&
      first?.type === "StringLiteral"
    ) {
      inline.push(String(first.value));
    }
    for (const [key, child] of Object.entries(node)) if (key !== "loc") visit(child);
  };
  visit(program);
  return { partials, inline };
}

/**
 * The component references of a Handlebars template: every `{{> name}}` partial statement
 * with a fixed name, except `@partial-block` and partials the template defines inline. Tags in
 * comments, raw blocks or escaped (`\{{> x}}`) are text, not references.
 * @throws QuireError("TEMPLATE_SYNTAX") for a template that does not parse or a reference that
 * is not `name`, `name@label` or `name:version`.
 */
export function handlebarsReferenceSites(source: string): ReferenceSite[] {
  if (!source.includes(">")) return [];
  const candidates = new Map<number, string>();
  const placeheld = source.replace(partialTagPattern, (tag, name: string, offset: number) => {
    if (name.startsWith("@")) return tag;
    const nameStart = offset + tag.length - name.length;
    candidates.set(nameStart, name);
    return `${tag.slice(0, tag.length - name.length)}${"q".repeat(name.length)}`;
  });
  if (candidates.size === 0) return [];
  let program: hbs.AST.Program;
  try {
    program = parseHandlebars(handlebarsSetup(), placeheld);
  } catch (error) {
    // Point at the same place, but show the template as it was written.
    if (!isQuireError(error) || typeof error.details.line !== "number") throw error;
    const { line, column } = error.details as { line: number; column: number };
    throw new QuireError(error.code, error.message, {
      details: { ...error.details, excerpt: sourceExcerpt(source, { line, column }) },
      cause: error.cause,
    });
  }
  const starts = lineStarts(source);
  const { partials, inline } = collectPartials(program);
  const sites: ReferenceSite[] = [];
  for (const node of partials) {
    if (node.name.type !== "PathExpression") continue;
    const nameStart = offsetOf(starts, node.name.loc.start.line, node.name.loc.start.column);
    const written = candidates.get(nameStart);
    if (written === undefined) continue;
    if (inline.includes(written)) continue;
    const start = offsetOf(starts, node.loc.start.line, node.loc.start.column);
    const position = positionOf(starts, start);
    const problem = componentReferenceProblem(written);
    if (problem !== undefined) {
      throw invalidReferenceError("handlebars", source, positionOf(starts, nameStart), written);
    }
    sites.push({
      reference: parseComponentReference(written),
      written,
      line: position.line,
      column: position.column,
      start,
      end: offsetOf(starts, node.loc.end.line, node.loc.end.column),
      nameStart,
      nameEnd: nameStart + written.length,
      form: node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 ? "call" : "inline",
      strip: { open: node.strip?.open === true, close: node.strip?.close === true },
    });
  }
  return sites.sort((left, right) => left.start - right.start);
}
