import { datasetError, lineAndColumnAt } from "./dataset-error.js";

/**
 * JSON.parse with a dataset error on failure: line and column from the engine's message
 * (V8 says "at position N", newer V8 and Firefox "line L column C"), relative to `lineOffset`.
 */
export function parseJsonText(
  text: string,
  location: { source?: string; lineOffset?: number },
  what: string,
): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = jsonErrorPosition(text, message);
    const lineOffset = location.lineOffset ?? 0;
    return fail(
      location.source,
      position && { line: position.line + lineOffset, column: position.column },
      what,
      message,
    );
  }
}

function fail(
  source: string | undefined,
  position: { line: number; column: number } | undefined,
  what: string,
  message: string,
): never {
  throw datasetError(
    { source, line: position?.line, column: position?.column },
    `${what} is not valid JSON (${message})`,
    "Fix the JSON at that place: check for a missing comma, quote or bracket, or a trailing comma.",
  );
}

function jsonErrorPosition(
  text: string,
  message: string,
): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (position) return lineAndColumnAt(text, Number(position[1]));
  if (isTruncation(text, message)) return lineAndColumnAt(text, text.length);
  const offset = firstBadOffset(text);
  return offset === undefined ? undefined : lineAndColumnAt(text, offset);
}

/** True when JSON.parse failed only because the text ended too early. */
function isTruncation(text: string, message: string): boolean {
  if (/end of (JSON|data) input|unexpected end/i.test(message)) return true;
  const position = /position (\d+)/.exec(message);
  return position !== null && Number(position[1]) >= text.length;
}

/**
 * Some engines (Node 20's V8) name the bad token but not its offset. A JSON syntax error at
 * offset k makes every prefix longer than k fail too, while shorter prefixes fail only as
 * "too short" (or parse): a binary search over prefix lengths finds k with O(log n) parses.
 */
function firstBadOffset(text: string): number | undefined {
  const isBad = (length: number): boolean => {
    const prefix = text.slice(0, length);
    try {
      JSON.parse(prefix);
      return false;
    } catch (error) {
      return !isTruncation(prefix, error instanceof Error ? error.message : String(error));
    }
  };
  if (!isBad(text.length)) return undefined;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (isBad(middle)) high = middle;
    else low = middle + 1;
  }
  return Math.max(0, low - 1);
}

/**
 * Offsets where the top-level items of a valid JSON array start, so errors about an item can
 * name its line. Assumes `text` already parsed as a JSON array.
 */
export function jsonArrayItemOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectingItem = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    if (inString) {
      if (character === "\\") index++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === " " || character === "\t" || character === "\n" || character === "\r")
      continue;
    if (expectingItem && character !== "]") offsets.push(index);
    expectingItem = false;
    if (character === '"') inString = true;
    else if (character === "[" || character === "{") {
      depth++;
      if (depth === 1) expectingItem = true;
    } else if (character === "]" || character === "}") depth--;
    else if (character === "," && depth === 1) expectingItem = true;
  }
  return offsets;
}
