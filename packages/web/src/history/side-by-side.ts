import type { VersionDiff } from "@quire/core";

type LineChange = VersionDiff["template"]["lines"][number];

export interface SideBySideCell {
  line: number;
  text: string;
  kind: "removed" | "added" | "unchanged";
}

export interface SideBySideRow {
  left: SideBySideCell | null;
  right: SideBySideCell | null;
}

/**
 * The line diff as two columns: unchanged lines on both sides, and each run of removed lines
 * next to the run of added lines that replaced it (the shorter side padded with blanks).
 */
export function sideBySideRows(lines: readonly LineChange[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let removed: SideBySideCell[] = [];
  let added: SideBySideCell[] = [];
  const flush = () => {
    const length = Math.max(removed.length, added.length);
    for (let index = 0; index < length; index += 1) {
      rows.push({ left: removed[index] ?? null, right: added[index] ?? null });
    }
    removed = [];
    added = [];
  };
  for (const change of lines) {
    if (change.kind === "removed") {
      removed.push({ line: change.fromLine ?? 0, text: change.text, kind: "removed" });
    } else if (change.kind === "added") {
      added.push({ line: change.toLine ?? 0, text: change.text, kind: "added" });
    } else {
      flush();
      rows.push({
        left: { line: change.fromLine ?? 0, text: change.text, kind: "unchanged" },
        right: { line: change.toLine ?? 0, text: change.text, kind: "unchanged" },
      });
    }
  }
  flush();
  return rows;
}
