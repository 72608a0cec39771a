import { QuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { engineDisplayNames } from "./engine-display-name.js";

/** A place in a template source, both 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** The source line at `position` with a caret under the column (tabs kept so it lines up). */
export function sourceExcerpt(source: string, position: SourcePosition): string {
  const lineText = source.split(/\r\n|\r|\n/)[position.line - 1] ?? "";
  const before = lineText.slice(0, position.column - 1).replace(/[^\t]/g, " ");
  return `${lineText}\n${before}^`;
}

/** Keeps a reported position inside the source (engines sometimes point one past the end). */
export function clampPosition(source: string, position: SourcePosition): SourcePosition {
  const lines = source.split(/\r\n|\r|\n/);
  const line = Math.min(Math.max(1, Math.trunc(position.line) || 1), lines.length);
  const lineLength = lines[line - 1]?.length ?? 0;
  const column = Math.min(Math.max(1, Math.trunc(position.column) || 1), lineLength + 1);
  return { line, column };
}

/** The 1-based line and column of a character offset. */
export function positionOfOffset(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), source.length);
  for (let index = 0; index < end; index++) {
    if (source.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** The end of the source, where "unexpected end of template" errors point. */
export function endPosition(source: string): SourcePosition {
  return positionOfOffset(source, source.length);
}

export interface TemplateSyntaxErrorOptions {
  /** The partial the error is in, when it is not in the main template. */
  partial?: string;
  cause?: unknown;
}

/**
 * QuireError("TEMPLATE_SYNTAX") with details {engine, line, column, excerpt} and a message like
 * `Jinja2 syntax error at line 3, column 7: expected "endfor"`.
 */
export function templateSyntaxError(
  engine: EngineName,
  source: string,
  position: SourcePosition,
  reason: string,
  options: TemplateSyntaxErrorOptions = {},
): QuireError {
  const { line, column } = clampPosition(source, position);
  const where = options.partial === undefined ? "" : ` in partial "${options.partial}"`;
  return new QuireError(
    "TEMPLATE_SYNTAX",
    `${engineDisplayNames[engine]} syntax error${where} at line ${line}, column ${column}: ${reason}`,
    {
      details: {
        engine,
        line,
        column,
        excerpt: sourceExcerpt(source, { line, column }),
        ...(options.partial === undefined ? {} : { partial: options.partial }),
      },
      cause: options.cause,
    },
  );
}
