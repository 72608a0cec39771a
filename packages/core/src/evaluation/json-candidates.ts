/** How many opening brackets are tried before giving up (keeps huge outputs linear-ish). */
const maxStarts = 200;

/** The end (exclusive) of the balanced object or array starting at `start`, or -1. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === "{" || character === "[") depth += 1;
    else if (character === "}" || character === "]") {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/**
 * The JSON objects and arrays found in a text (in prose, code fences…), in order; those nested
 * in an earlier one are not listed again.
 */
export function jsonCandidates(text: string): unknown[] {
  const found: unknown[] = [];
  let tried = 0;
  let index = 0;
  while (index < text.length && tried < maxStarts) {
    const character = text[index];
    if (character !== "{" && character !== "[") {
      index += 1;
      continue;
    }
    tried += 1;
    const end = balancedEnd(text, index);
    if (end > 0) {
      try {
        found.push(JSON.parse(text.slice(index, end)));
        index = end;
        continue;
      } catch {
        // not JSON from here: try the next bracket
      }
    }
    index += 1;
  }
  return found;
}
