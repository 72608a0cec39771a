import { diffArrays } from "diff";
import type { VersionDiff } from "../contracts/diff.js";

export type LineChange = VersionDiff["template"]["lines"][number];

/**
 * Splits on "\n" only, so joining the lines with "\n" gives back the exact text (a trailing
 * newline shows as a last empty line, a "\r" stays at the end of its line).
 */
export function splitLines(text: string): string[] {
  return text.split("\n");
}

/** Every line of both texts, in order, marked added, removed or unchanged, with 1-based numbers. */
export function lineChanges(fromText: string, toText: string): LineChange[] {
  const changes: LineChange[] = [];
  let fromLine = 1;
  let toLine = 1;
  for (const change of diffArrays(splitLines(fromText), splitLines(toText))) {
    for (const text of change.value) {
      if (change.added) {
        changes.push({ kind: "added", text, fromLine: null, toLine: toLine++ });
      } else if (change.removed) {
        changes.push({ kind: "removed", text, fromLine: fromLine++, toLine: null });
      } else {
        changes.push({ kind: "unchanged", text, fromLine: fromLine++, toLine: toLine++ });
      }
    }
  }
  return changes;
}
