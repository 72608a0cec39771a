/** How scanning a JSON object or array from its opening bracket ended. */
export type BalancedScan =
  /** The bracket at `start` is closed at `end - 1`. */
  | { kind: "balanced"; end: number }
  /** A closing bracket at `offset` does not match the innermost open one. */
  | { kind: "mismatched"; offset: number }
  /** The text ends before the bracket is closed. */
  | { kind: "unclosed" };

const closerOf: Record<string, string> = { "{": "}", "[": "]" };

/**
 * Scans from the `{` or `[` at `start` to its matching closing bracket, skipping brackets inside
 * JSON strings (with their backslash escapes), so `{"a": "}"}` is one object.
 */
export function scanBalanced(text: string, start: number): BalancedScan {
  const expected: string[] = [];
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index] as string;
    if (inString) {
      if (character === "\\") index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === "{" || character === "[") expected.push(closerOf[character] as string);
    else if (character === "}" || character === "]") {
      if (expected.pop() !== character) return { kind: "mismatched", offset: index };
      if (expected.length === 0) return { kind: "balanced", end: index + 1 };
    }
  }
  return { kind: "unclosed" };
}
