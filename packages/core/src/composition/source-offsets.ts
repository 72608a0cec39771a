import type { SourcePosition } from "../templates/template-syntax-error.js";

/**
 * Offsets of the first character of every line. A line ends at `\r\n`, `\r` or `\n`, as in
 * Handlebars' lexer and in `sourceExcerpt`.
 */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let index = 0; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code === 13 && source.charCodeAt(index + 1) === 10) index++;
    if (code === 10 || code === 13) starts.push(index + 1);
  }
  return starts;
}

/** The offset of a 1-based line and 0-based column. */
export function offsetOf(starts: readonly number[], line: number, column: number): number {
  return (starts[line - 1] ?? 0) + column;
}

/** The 1-based line and column of an offset. */
export function positionOf(starts: readonly number[], offset: number): SourcePosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/** Replaces every character of `source` between `start` and `end` but line breaks with `filler`. */
export function blankRange(source: string, start: number, end: number, filler = " "): string {
  const blank = source.slice(start, end).replace(/[^\r\n]/g, filler);
  return `${source.slice(0, start)}${blank}${source.slice(end)}`;
}

export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping replacements (in any order) to `source`. */
export function applyReplacements(source: string, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((left, right) => left.start - right.start);
  let result = "";
  let position = 0;
  for (const replacement of sorted) {
    result += source.slice(position, replacement.start) + replacement.text;
    position = replacement.end;
  }
  return result + source.slice(position);
}
