import { outputParseError } from "./output-parse-error.js";

/**
 * How a list is written: `- item` / `* item` / `• item` lines, `1. item` / `2) item` lines, items
 * separated by commas (`red, green and blue` is not split on "and"; `red, green, and blue` is),
 * or one item per non-empty line.
 */
export const listStyles = ["bulleted", "numbered", "comma-separated", "lines"] as const;
export type ListStyle = (typeof listStyles)[number];

export interface ListParseOptions {
  /** Default `auto`: bullets or numbers when some line has one (the first such line decides),
   * else commas when the text has one line, else one item per line. */
  style?: ListStyle | "auto";
}

export interface ParsedList {
  items: string[];
  style: ListStyle;
}

const bulletLine = /^\s*[-*+•‣◦▪]\s+(.*)$/;
const numberedLine = /^\s*\(?\d{1,4}[.)]\s+(.*)$/;

function markerPattern(style: "bulleted" | "numbered"): RegExp {
  return style === "bulleted" ? bulletLine : numberedLine;
}

/** Items of the marked lines; an indented unmarked line after an item continues that item. */
function markedItems(lines: string[], style: "bulleted" | "numbered"): string[] {
  const pattern = markerPattern(style);
  const items: string[] = [];
  let continuing = false;
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match !== null) {
      items.push((match[1] ?? "").trim());
      continuing = true;
    } else if (continuing && /^\s+\S/.test(line)) {
      items[items.length - 1] = `${items.at(-1)} ${line.trim()}`.trim();
    } else if (line.trim() !== "") continuing = false;
  }
  return items.filter((item) => item !== "");
}

function commaItems(text: string): string[] {
  const body = text.trim().replace(/\.$/, "");
  const items = body
    .split(/,|\n/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
  const last = items.at(-1);
  if (items.length > 1 && last !== undefined) {
    items[items.length - 1] = last.replace(/^(?:and|or)\s+/i, "");
  }
  return items;
}

function detectStyle(lines: string[], text: string): ListStyle {
  for (const line of lines) {
    if (bulletLine.test(line)) return "bulleted";
    if (numberedLine.test(line)) return "numbered";
  }
  return text.trim().includes("\n") ? "lines" : "comma-separated";
}

const expectations: Record<ListStyle, string> = {
  bulleted: 'a bulleted list (lines starting with "- ", "* " or "• ")',
  numbered: 'a numbered list (lines starting with "1. " or "1) ")',
  "comma-separated": "a comma-separated list",
  lines: "a list with one item per line",
};

/** A list from a model's output, with the style it was read in. Throws when it holds no item. */
export function parseListWithStyle(text: string, options: ListParseOptions = {}): ParsedList {
  const lines = text.split(/\r?\n/);
  const requested = options.style ?? "auto";
  const style = requested === "auto" ? detectStyle(lines, text) : requested;
  let items: string[];
  switch (style) {
    case "bulleted":
    case "numbered":
      items = markedItems(lines, style);
      break;
    case "comma-separated":
      items = commaItems(text);
      break;
    case "lines":
      items = lines.map((line) => line.trim()).filter((line) => line !== "");
      break;
  }
  if (items.length === 0) {
    const expected = requested === "auto" ? "a list" : expectations[style];
    const problem =
      text.trim() === ""
        ? "the output is empty"
        : style === "bulleted" || style === "numbered"
          ? "no line starts with such a marker"
          : "it holds no item";
    throw outputParseError(text, expected, problem, { details: { style } });
  }
  return { items, style };
}

/** The items of a list in a model's output (see `parseListWithStyle`). */
export function parseList(text: string, options: ListParseOptions = {}): string[] {
  return parseListWithStyle(text, options).items;
}
