import type { QuireError } from "../../errors/index.js";
import { endPosition, type SourcePosition, templateSyntaxError } from "../template-syntax-error.js";
import { type NunjucksNode, nunjucksInternals } from "./nunjucks-internals.js";
import { nunjucksParseReason } from "./nunjucks-parse-reason.js";

/** Block tags that need an end tag, and that end tag. */
const endTags: Record<string, string> = {
  for: "endfor",
  asyncEach: "endeach",
  asyncAll: "endall",
  if: "endif",
  ifAsync: "endif",
  macro: "endmacro",
  call: "endcall",
  filter: "endfilter",
  block: "endblock",
  switch: "endswitch",
  raw: "endraw",
  verbatim: "endverbatim",
  set: "endset",
};

interface OpenTag {
  name: string;
  position: SourcePosition;
  /** `set x = 1` closes itself; only `set x` opens a block. */
  selfClosing: boolean;
}

/** Reads the block tags with nunjucks' lexer to find the one left open at the end. */
function unclosedTag(source: string): OpenTag | undefined {
  const stack: OpenTag[] = [];
  try {
    const tokens = nunjucksInternals.lexer.lex(source);
    let current: OpenTag | undefined;
    let expectName = false;
    for (let token = tokens.nextToken(); token !== null; token = tokens.nextToken()) {
      if (token.type === "whitespace") continue;
      if (token.type === "block-start") {
        expectName = true;
        continue;
      }
      if (expectName && token.type === "symbol") {
        expectName = false;
        const opened = stack[stack.length - 1];
        const raw = opened?.name === "raw" || opened?.name === "verbatim";
        if (raw && token.value !== `end${opened?.name}`) continue;
        if (token.value.startsWith("end")) {
          const index = stack.findLastIndex((tag) => endTags[tag.name] === token.value);
          if (index >= 0) stack.length = index;
        } else if (endTags[token.value] !== undefined) {
          current = {
            name: token.value,
            position: { line: token.lineno + 1, column: token.colno + 1 },
            selfClosing: false,
          };
          stack.push(current);
        }
        continue;
      }
      expectName = false;
      if (current?.name === "set" && token.type === "operator" && token.value === "=") {
        current.selfClosing = true;
      }
      if (token.type === "block-end") {
        if (current?.selfClosing) stack.pop();
        current = undefined;
      }
    }
  } catch {
    return undefined;
  }
  return stack[stack.length - 1];
}

interface NunjucksError {
  message?: string;
  lineno?: number;
  colno?: number;
}

/** Turns what nunjucks threw for `source` into QuireError("TEMPLATE_SYNTAX"). */
export function nunjucksSyntaxError(
  source: string,
  error: unknown,
  partial: string | undefined,
): QuireError {
  const raw = error as NunjucksError;
  const options = { cause: error, ...(partial === undefined ? {} : { partial }) };
  const message = (typeof raw?.message === "string" ? raw.message : String(error))
    // Prettified errors start with "(path) [Line 1, Column 2]" on a line of their own.
    .replace(/^\([^)]*\)(?: \[Line \d+, Column \d+\])?\s*/, "")
    .replace(/^parse\w*: /, "");
  const reason = nunjucksParseReason(message);
  if (typeof raw?.lineno === "number" && raw.lineno > 0) {
    const position = { line: raw.lineno, column: raw.colno ?? 1 };
    return templateSyntaxError("jinja2", source, position, reason, options);
  }
  const open = unclosedTag(source);
  if (open !== undefined) {
    const reason = `expected "${endTags[open.name]}" to close this "${open.name}" tag, but the template ended`;
    return templateSyntaxError("jinja2", source, open.position, reason, options);
  }
  return templateSyntaxError("jinja2", source, endPosition(source), reason, options);
}

/** Parses a template into nunjucks' tree, or throws QuireError("TEMPLATE_SYNTAX"). */
export function parseNunjucks(source: string, partial?: string): NunjucksNode {
  try {
    return nunjucksInternals.parser.parse(source);
  } catch (error) {
    throw nunjucksSyntaxError(source, error, partial);
  }
}
