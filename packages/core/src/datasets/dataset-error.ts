import { QuireError } from "../errors/index.js";

/** Where in a dataset file something is wrong; every field is optional. */
export interface DatasetLocation {
  source?: string;
  /** 1-based line of the file. */
  line?: number;
  /** 1-based character column on that line. */
  column?: number;
  /** CSV: 1-based data row (the header is row 0). */
  row?: number;
  /** CSV: the column's name from the header. */
  columnName?: string;
  /** The case field, e.g. `vars`, `assert[2].type`, `__expected`. */
  field?: string;
}

/** A VALIDATION_FAILED error whose message starts with the place and whose details repeat it. */
export function datasetError(location: DatasetLocation, problem: string, fix: string): QuireError {
  const where = describeLocation(location);
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(location)) {
    if (value !== undefined) details[key] = value;
  }
  return new QuireError("VALIDATION_FAILED", `${where}: ${problem}. ${fix}`, { details });
}

function describeLocation(location: DatasetLocation): string {
  const parts: string[] = [location.source ?? "dataset"];
  if (location.line !== undefined) {
    parts.push(
      location.column === undefined
        ? `line ${location.line}`
        : `line ${location.line}, column ${location.column}`,
    );
  }
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.columnName !== undefined) parts.push(`column "${location.columnName}"`);
  if (location.field !== undefined && location.field !== location.columnName)
    parts.push(`field ${location.field}`);
  return parts.join(", ");
}

/** 1-based line and column of a character offset; `\r\n`, `\n` and `\r` each end a line. */
export function lineAndColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end; index++) {
    const character = text[index];
    if (character === "\n" || (character === "\r" && text[index + 1] !== "\n")) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Sets an own enumerable property, so keys such as `__proto__` stay plain data. */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * `lineAndColumnAt` for many offsets of one text: line starts are found once, each lookup is a
 * binary search (a large file's rows would otherwise be rescanned from the start each time).
 */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === "\n" || (character === "\r" && text[index + 1] !== "\n"))
      lineStarts.push(index + 1);
  }
  return (offset) => {
    const target = Math.min(Math.max(offset, 0), text.length);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((lineStarts[middle] as number) <= target) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: target - (lineStarts[low] as number) + 1 };
  };
}
