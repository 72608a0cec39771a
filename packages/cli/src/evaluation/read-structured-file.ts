import { readFileSync } from "node:fs";
import { QuireError } from "@quire/core";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/** Where a key or value is written, 1-based. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A parsed YAML (or JSON: YAML reads it) file that can say where each path is written. */
export interface StructuredFile {
  /** How messages name the file (relative to the working directory). */
  label: string;
  value: unknown;
  /**
   * Where the value at `path` is written; with `key: true`, where its key is (for "unknown
   * key" messages). Falls back to the nearest written parent; undefined when nothing matches.
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): TextPosition | undefined;
}

/** Reads and parses a YAML or JSON file; a syntax error names the line and column. */
export function readStructuredFile(absolutePath: string, label: string): StructuredFile {
  let text: string;
  try {
    text = readFileSync(absolutePath, "utf8");
  } catch (error) {
    throw new QuireError("VALIDATION_FAILED", `Cannot read ${label}: ${(error as Error).message}`, {
      cause: error,
      details: { file: label },
    });
  }
  return parseStructuredText(text, label);
}

export function parseStructuredText(text: string, label: string): StructuredFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [first] = document.errors;
  if (first !== undefined) {
    const position = lineCounter.linePos(first.pos[0]);
    const reason = first.message.split("\n")[0] ?? first.message;
    throw new QuireError(
      "VALIDATION_FAILED",
      `${label}:${position.line}:${position.col}: syntax error: ${reason}`,
      { details: { file: label, line: position.line, column: position.col } },
    );
  }
  const at = (offset: number): TextPosition => {
    const position = lineCounter.linePos(offset);
    return { line: position.line, column: position.col };
  };
  return {
    label,
    value: document.toJS({ maxAliasCount: 100 }) as unknown,
    locate(path, options = {}) {
      let node: unknown = document.contents;
      let found: TextPosition | undefined =
        isNodeWithRange(node) && node.range != null ? at(node.range[0]) : undefined;
      for (const [index, segment] of path.entries()) {
        const last = index === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find(
            (item) => isScalar(item.key) && String(item.key.value) === String(segment),
          );
          if (pair === undefined) return found;
          const keyNode = pair.key as Node;
          if (last && options.key === true && keyNode.range != null) {
            return at(keyNode.range[0]);
          }
          node = pair.value;
          const written = isNodeWithRange(node) ? node : keyNode;
          if (written.range != null) found = at(written.range[0]);
        } else if (isSeq(node) && typeof segment === "number") {
          const item = node.items[segment];
          if (item === undefined) return found;
          node = item;
          if (isNodeWithRange(item) && item.range != null) found = at(item.range[0]);
        } else {
          return found;
        }
      }
      return found;
    },
  };
}

function isNodeWithRange(value: unknown): value is Node {
  return value !== null && typeof value === "object" && "range" in value;
}

/** `file:3:5: ` or `file: ` for a message. */
export function wherePrefix(label: string, position: TextPosition | undefined): string {
  return position === undefined ? `${label}: ` : `${label}:${position.line}:${position.column}: `;
}

/** `tests[3].assert[0].type` from a path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}
