/** Where a key is written in a TOML text, 1-based, for messages like `quire.toml:7:1: …`. */
export interface KeyLocation {
  line: number;
  column: number;
}

/**
 * Finds the line and column where the key at `path` is written: a `key = …` line under its
 * `[table]` header (dotted keys and quoted names understood), a key inside an inline table
 * (`price = { input = 1 }`), or, for a whole table, its `[header]`. Undefined when it cannot
 * tell (the message then goes without a location). It reads lines, not the full TOML grammar:
 * multi-line strings and arrays are not followed.
 */
export function locateConfigKey(text: string, path: readonly string[]): KeyLocation | undefined {
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  let best: { location: KeyLocation; depth: number } | undefined;
  const consider = (location: KeyLocation, keyPath: readonly string[]) => {
    const depth = commonPrefix(keyPath, path);
    if (depth === keyPath.length && (best === undefined || depth > best.depth)) {
      best = { location, depth };
    }
  };
  lines.forEach((line, index) => {
    const header = /^\s*\[{1,2}([^\]]*)\]{1,2}\s*(#.*)?$/.exec(line);
    if (header !== null) {
      table = parseKeyPath(header[1] ?? "") ?? [];
      consider({ line: index + 1, column: line.indexOf("[") + 1 }, table);
      return;
    }
    const assignment = /^(\s*)([^=#]+?)\s*=(.*)$/.exec(line);
    if (assignment === null) return;
    const key = parseKeyPath(assignment[2] ?? "");
    if (key === undefined) return;
    const keyPath = [...table, ...key];
    consider({ line: index + 1, column: (assignment[1]?.length ?? 0) + 1 }, keyPath);
    // A key inside an inline table on this line: `price = { input = 1, outptu = 2 }`.
    const rest = path.slice(keyPath.length);
    if (rest.length === 1 && commonPrefix(keyPath, path) === keyPath.length) {
      const value = assignment[3] ?? "";
      const inner = new RegExp(`[{,]\\s*"?(${escapeRegExp(rest[0] ?? "")})"?\\s*=`).exec(value);
      if (inner !== null) {
        const column = line.length - value.length + inner.index + inner[0].indexOf(inner[1] ?? "");
        consider({ line: index + 1, column: column + 1 }, path);
      }
    }
  });
  return best?.location;
}

/** `a."b.c".d` → ["a", "b.c", "d"]; undefined when it is not a key. */
function parseKeyPath(text: string): string[] | undefined {
  const segments: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/y;
  let index = 0;
  while (index < text.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    segments.push(match[1]?.replace(/\\(.)/g, "$1") ?? match[2] ?? match[3] ?? "");
    index = pattern.lastIndex;
    if (match[4] === "") break;
  }
  return segments.length > 0 ? segments : undefined;
}

function commonPrefix(left: readonly string[], right: readonly string[]): number {
  let length = 0;
  while (length < left.length && length < right.length && left[length] === right[length]) {
    length += 1;
  }
  return length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
