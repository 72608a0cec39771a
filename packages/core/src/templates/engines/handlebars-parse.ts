import type { QuireError } from "../../errors/index.js";
import { endPosition, type SourcePosition, templateSyntaxError } from "../template-syntax-error.js";
import type { HandlebarsSetup } from "./handlebars-setup.js";

/** Token names of Handlebars' grammar, as a person would write them. */
const tokenNames: Record<string, string> = {
  OPEN: "{{",
  CLOSE: "}}",
  OPEN_BLOCK: "{{#",
  OPEN_ENDBLOCK: "{{/",
  OPEN_INVERSE: "{{^",
  OPEN_INVERSE_CHAIN: "{{else",
  INVERSE: "{{else}}",
  OPEN_PARTIAL: "{{>",
  OPEN_SEXPR: "(",
  CLOSE_SEXPR: ")",
  CLOSE_UNESCAPED: "}}}",
  CLOSE_RAW_BLOCK: "}}}}",
  OPEN_BLOCK_PARAMS: "as |",
  CLOSE_BLOCK_PARAMS: "|",
  ID: "a name",
  STRING: "a string",
  NUMBER: "a number",
  BOOLEAN: "true or false",
  DATA: "an @name",
  SEP: ". or /",
  EQUALS: "=",
  EOF: "the end of the template",
  INVALID: "an unexpected character",
};

function describeToken(token: string): string {
  return tokenNames[token] ?? token;
}

/** "Expecting 'A', 'B', got 'C'" → a sentence. */
function parseErrorReason(message: string): string {
  const expectation = /Expecting (.*), got '([^']*)'/.exec(message);
  if (expectation === null) return message.split("\n")[0] ?? message;
  const got = expectation[2] ?? "";
  if (got === "EOF") {
    return "the template ended too early: a block ({{#if}}, {{#each}}…) is not closed with {{/…}}, or a tag is not finished";
  }
  const expected = [...(expectation[1] ?? "").matchAll(/'([^']*)'/g)]
    .map((match) => describeToken(match[1] ?? ""))
    .filter((name, index, all) => all.indexOf(name) === index);
  return `unexpected ${describeToken(got)}; expected ${expected.join(", ")}`;
}

/** Handlebars' Exception carries the node's location; the column is 0-based. */
interface LocatedException {
  message: string;
  lineNumber?: number;
  column?: number;
}

function exceptionReason(message: string): string {
  const reason = message.replace(/ - \d+:\d+$/, "");
  const mismatch = /^(.*) doesn't match (.*)$/.exec(reason);
  if (mismatch !== null) {
    return `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}; close it with {{/${mismatch[1]}}}`;
  }
  const unknownHelper = /unknown helper (.*)$/.exec(reason);
  if (unknownHelper !== null) {
    return `unknown helper "${unknownHelper[1]}"`;
  }
  return reason;
}

/** Turns whatever Handlebars threw for `source` into QuireError("TEMPLATE_SYNTAX"). */
export function handlebarsSyntaxError(
  setup: HandlebarsSetup,
  source: string,
  error: unknown,
  partial: string | undefined,
): QuireError {
  const located = error as LocatedException;
  const message = typeof located?.message === "string" ? located.message : String(error);
  const options = { cause: error, ...(partial === undefined ? {} : { partial }) };
  if (typeof located.lineNumber === "number") {
    const position = { line: located.lineNumber, column: (located.column ?? 0) + 1 };
    let reason = exceptionReason(message);
    if (reason.startsWith("unknown helper")) {
      const available = [...setup.helperNames].filter((name) => !name.endsWith("Missing"));
      reason += `; the helpers are ${available.join(", ")}`;
    }
    return templateSyntaxError("handlebars", source, position, reason, options);
  }
  // The grammar's errors carry no location, but the shared lexer still holds the offending
  // token's place (line 1-based, column 0-based).
  const location = setup.internals.Parser.lexer.yylloc;
  const position: SourcePosition =
    location === undefined
      ? endPosition(source)
      : { line: location.first_line, column: location.first_column + 1 };
  return templateSyntaxError("handlebars", source, position, parseErrorReason(message), options);
}

/** Parses a template into Handlebars' AST, or throws QuireError("TEMPLATE_SYNTAX"). */
export function parseHandlebars(
  setup: HandlebarsSetup,
  source: string,
  partial?: string,
): hbs.AST.Program {
  try {
    return setup.environment.parse(source);
  } catch (error) {
    throw handlebarsSyntaxError(setup, source, error, partial);
  }
}
