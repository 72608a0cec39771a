/** Where something is in a model's output, for error messages a person can follow. */
export interface TextPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units as JavaScript strings are. */
  column: number;
}

/** The line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: before.length - lineStart + 1 };
}

/** A short, one-line quotation of the text within `radius` characters of `offset`. */
export function excerptAt(text: string, offset = 0, radius = 30): string {
  const start = Math.max(0, offset - radius);
  const end = Math.min(text.length, offset + radius);
  const middle = text.slice(start, end).replace(/\s+/g, " ");
  return `${start > 0 ? "…" : ""}${middle}${end < text.length ? "…" : ""}`;
}
