import Handlebars from "handlebars";
import { type ErrorCode, QuireError } from "../errors/index.js";
import { excerptAt, type SourcePosition } from "./front-matter.js";

/** Where a template body sits in its file, to report errors in whole-file lines and columns. */
export interface BodyLocation {
  file: string;
  /** The whole file, for excerpts. */
  source: string;
  /** Line and column (1-based) in the file of the body's first character. */
  line: number;
  column: number;
}

/**
 * Parses a Handlebars body (only the parser: it touches no helper or partial registry).
 * @throws QuireError("TEMPLATE_SYNTAX") with details {engine, file, line, column, excerpt}.
 */
export function parseHandlebarsBody(body: string, location: BodyLocation): hbs.AST.Program {
  try {
    return Handlebars.parse(body);
  } catch (error) {
    throw handlebarsError("TEMPLATE_SYNTAX", error, body, location);
  }
}

/** True when the body calls `{{role …}}` or `{{history}}` anywhere, so it renders as chat. */
export function usesChatMarkers(program: hbs.AST.Program): boolean {
  return program.body.some((statement) => statementUsesChatMarkers(statement));
}

function statementUsesChatMarkers(statement: hbs.AST.Statement): boolean {
  if (statement.type === "MustacheStatement") {
    const { path } = statement as hbs.AST.MustacheStatement;
    return (
      path.type === "PathExpression" &&
      !(path as hbs.AST.PathExpression).data &&
      (path as hbs.AST.PathExpression).parts.length === 1 &&
      ["role", "history"].includes((path as hbs.AST.PathExpression).original)
    );
  }
  if (statement.type === "BlockStatement") {
    const block = statement as hbs.AST.BlockStatement;
    return (
      (block.program !== undefined && block.program !== null && usesChatMarkers(block.program)) ||
      (block.inverse !== undefined && block.inverse !== null && usesChatMarkers(block.inverse))
    );
  }
  return false;
}

/** Line and column (1-based, in the body) of a Handlebars parse or compile error, if known. */
function positionInBody(error: unknown, body: string): SourcePosition | undefined {
  if (!(error instanceof Error)) return undefined;
  const compileError = error as Error & { lineNumber?: unknown; column?: unknown };
  if (typeof compileError.lineNumber === "number" && typeof compileError.column === "number") {
    return { line: compileError.lineNumber, column: compileError.column + 1 };
  }
  // Parse errors only say "Parse error on line N:" with an excerpt of the ~20 characters before
  // the failing token (line breaks removed) and a caret: find where that text ends on line N.
  const match = /^Parse error on line (\d+):\n(.*)\n(-*)\^/.exec(error.message);
  if (match === null) return undefined;
  const line = Number(match[1]);
  let before = (match[2] ?? "").slice(0, (match[3] ?? "").length);
  if (before.startsWith("...")) before = before.slice(3);
  const lines = body.split("\n");
  const earlier = lines.slice(0, line - 1).join("");
  const text = lines[line - 1] ?? "";
  for (let column = text.length; column >= 0; column -= 1) {
    if ((earlier + text.slice(0, column)).endsWith(before)) return { line, column: column + 1 };
  }
  return { line, column: 1 };
}

function shortMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parse = /^Parse error on line \d+:\n.*\n-*\^\n([\s\S]*)$/.exec(error.message);
  if (parse !== null) {
    const expecting = (parse[1] ?? "").trim();
    return expecting.endsWith("got 'EOF'")
      ? `${expecting} (the template ends inside an unclosed {{#block}} or {{tag)`
      : expecting;
  }
  const unknownHelper = /used the unknown helper (\S+)/.exec(error.message);
  if (unknownHelper !== null) {
    return `unknown helper "${unknownHelper[1]}": .prompt files may call Dotprompt's helpers (role, json, history, section, media, ifEquals, unlessEquals) and Handlebars' own (if, unless, each, with, lookup, log)`;
  }
  return error.message.replace(/ - \d+:\d+$/, "");
}

/** A Handlebars error as a QuireError placed in the whole file. */
export function handlebarsError(
  code: ErrorCode,
  error: unknown,
  body: string,
  location: BodyLocation,
): QuireError {
  const problem = shortMessage(error);
  const inBody = positionInBody(error, body);
  const kind = code === "TEMPLATE_SYNTAX" ? "Handlebars syntax error" : "Handlebars render error";
  if (inBody === undefined) {
    return new QuireError(code, `${location.file}: ${kind}: ${problem}`, {
      details: { engine: "handlebars", file: location.file, problem },
      cause: error,
    });
  }
  const position: SourcePosition = {
    line: inBody.line + location.line - 1,
    column: inBody.line === 1 ? inBody.column + location.column - 1 : inBody.column,
  };
  const excerpt = excerptAt(location.source, position);
  return new QuireError(
    code,
    `${location.file}:${position.line}:${position.column}: ${kind}: ${problem}\n${excerpt}`,
    {
      details: { engine: "handlebars", file: location.file, ...position, excerpt, problem },
      cause: error,
    },
  );
}

/**
 * True when a Handlebars template calls `{{role …}}` or `{{history}}`, so it is a chat prompt.
 * A template that does not parse answers false: its syntax error is reported when it compiles.
 */
export function handlebarsTemplateUsesChatMarkers(template: string): boolean {
  try {
    return usesChatMarkers(Handlebars.parse(template));
  } catch {
    return false;
  }
}
