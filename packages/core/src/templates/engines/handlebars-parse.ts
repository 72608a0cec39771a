import type { QuireError } from "../../errors/index.js";
import { endPosition, type SourcePosition, templateSyntaxError } from "../template-syntax-error.js";
import { handlebarsParseReason } from "./handlebars-parse-reason.js";
import type { HandlebarsSetup } from "./handlebars-setup.js";

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
  const reason = handlebarsParseReason(message, setup.internals.Parser.lexer.yytext);
  return templateSyntaxError("handlebars", source, position, reason, options);
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
