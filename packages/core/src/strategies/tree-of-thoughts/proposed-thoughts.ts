import { parseListWithStyle } from "../../output-parsers/list-output.js";

/**
 * The candidate steps in a generator's reply: the items of its bulleted or numbered list, else its
 * non-empty lines (never split on commas: one step may hold several). Duplicates (ignoring case
 * and spaces) are dropped; at most `limit` are kept.
 */
export function proposedThoughts(text: string, limit: number): string[] {
  let items: string[];
  try {
    const list = parseListWithStyle(text);
    items =
      list.style === "bulleted" || list.style === "numbered"
        ? list.items
        : parseListWithStyle(text, { style: "lines" }).items;
  } catch {
    return [];
  }
  const seen = new Set<string>();
  const thoughts: string[] = [];
  for (const item of items) {
    const key = item.toLowerCase().replace(/\s+/g, " ");
    if (seen.has(key)) continue;
    seen.add(key);
    thoughts.push(item);
    if (thoughts.length === limit) break;
  }
  return thoughts;
}
