import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from "yaml";
import { QuireError } from "../errors/index.js";

/** A `.prompt` source cut into its YAML front matter and its body. */
export interface PromptFileSections {
  /** The YAML between the `---` lines; undefined when the file has none (or it is empty). */
  yaml: string | undefined;
  /** The body as written (untrimmed); the whole source when there is no front matter. */
  body: string;
  /** Line (1-based, in the whole file) of the first YAML line. */
  yamlLine: number;
  /** Line (1-based, in the whole file) where the body starts. */
  bodyLine: number;
}

/** Dotprompt's front matter pattern: `---` line, YAML, `---` line, body. */
const frontMatterPattern =
  /^---\s*(?:\r\n|\r|\n)([\s\S]*?)(?:\r\n|\r|\n)---\s*(?:\r\n|\r|\n)([\s\S]*)$/d;

function lineAt(source: string, index: number): number {
  return source.slice(0, index).split("\n").length;
}

/**
 * Cuts a source as Dotprompt does: front matter only when the file starts with a `---` line and
 * has a closing `---` line followed by a line break; an empty front matter counts as none (the
 * whole file is then the body, `---` lines included).
 */
export function splitPromptFile(source: string): PromptFileSections {
  const match = frontMatterPattern.exec(source);
  const yaml = match?.[1];
  const yamlRange = match?.indices?.[1];
  const bodyRange = match?.indices?.[2];
  if (!match || !yaml || yamlRange === undefined || bodyRange === undefined) {
    return { yaml: undefined, body: source, yamlLine: 1, bodyLine: 1 };
  }
  return {
    yaml,
    body: match[2] ?? "",
    yamlLine: lineAt(source, yamlRange[0]),
    bodyLine: lineAt(source, bodyRange[0]),
  };
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** Parsed front matter, able to say where (file line and column) a key or value was written. */
export interface FrontMatter {
  data: Record<string, unknown>;
  /** Position of the value at `path` (or of its key when the value is empty), else undefined. */
  locate(path: ReadonlyArray<string | number>): SourcePosition | undefined;
  /** Position of the first mapping key equal to `key` under `path`, searching depth-first. */
  locateKey(path: ReadonlyArray<string | number>, key: string): SourcePosition | undefined;
}

export interface FrontMatterContext {
  file: string;
  source: string;
  sections: PromptFileSections;
}

/**
 * Parses the YAML front matter as Dotprompt does (the `yaml` package, YAML 1.2 core schema,
 * unique keys). Errors are QuireError("VALIDATION_FAILED") with details {file, line, column,
 * excerpt}, lines counted in the whole file.
 */
export function parseFrontMatter(context: FrontMatterContext): FrontMatter {
  const { sections } = context;
  const lineCounter = new LineCounter();
  const yaml = sections.yaml ?? "";
  const document = parseDocument(yaml, { lineCounter });
  const toPosition = (offset: number): SourcePosition => {
    const position = lineCounter.linePos(offset);
    return { line: position.line + sections.yamlLine - 1, column: position.col };
  };

  const [firstError] = document.errors;
  if (firstError !== undefined) {
    const offset = firstError.pos[0];
    const problem = firstError.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "");
    throw frontMatterError(context, toPosition(offset), problem, { yamlCode: firstError.code });
  }

  let data: unknown;
  try {
    data = document.toJS();
  } catch (error) {
    const offset = firstAliasOffset(document) ?? 0;
    const problem = error instanceof Error ? error.message : String(error);
    throw frontMatterError(context, toPosition(offset), problem, {}, error);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    const got = Array.isArray(data) ? "a list" : `the ${typeof data} ${JSON.stringify(data)}`;
    throw frontMatterError(
      context,
      toPosition(document.contents?.range?.[0] ?? 0),
      `the front matter must be a mapping of keys (like "model: …"), got ${got}`,
    );
  }

  return {
    data: data as Record<string, unknown>,
    locate(path) {
      const found = nodeAt(document, path);
      return found === undefined ? undefined : toPosition(found);
    },
    locateKey(path, key) {
      const start = path.length === 0 ? document.contents : document.getIn(path, true);
      const found = keyOffset(start, key);
      return found === undefined ? undefined : toPosition(found);
    },
  };
}

function nodeAt(document: Document, path: ReadonlyArray<string | number>): number | undefined {
  if (path.length === 0) return document.contents?.range?.[0];
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    if (pair === undefined) return undefined;
    const value = pair.value as Node | null;
    if (value?.range) return value.range[0];
    return (pair.key as Node | null)?.range?.[0];
  }
  if (isSeq(parent) && typeof last === "number") {
    return (parent.items[last] as Node | undefined)?.range?.[0];
  }
  return undefined;
}

function keyOffset(start: unknown, key: string): number | undefined {
  if (isMap(start)) {
    for (const pair of start.items) {
      if (isScalar(pair.key) && pair.key.value === key) return pair.key.range?.[0];
      const inside = keyOffset(pair.value, key);
      if (inside !== undefined) return inside;
    }
  } else if (isSeq(start)) {
    for (const item of start.items) {
      const inside = keyOffset(item, key);
      if (inside !== undefined) return inside;
    }
  }
  return undefined;
}

function firstAliasOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** The file's line with a caret under the column, for messages. */
export function excerptAt(source: string, position: SourcePosition): string {
  const text = source.split(/\r?\n/)[position.line - 1] ?? "";
  const gutter = `${position.line} | `;
  return `${gutter}${text}\n${" ".repeat(gutter.length + Math.max(0, position.column - 1))}^`;
}

/** An error at a place in a `.prompt` file: `file:line:column: problem` plus an excerpt. */
export function frontMatterError(
  context: FrontMatterContext,
  position: SourcePosition,
  problem: string,
  details: Record<string, unknown> = {},
  cause?: unknown,
): QuireError {
  const excerpt = excerptAt(context.source, position);
  return new QuireError(
    "VALIDATION_FAILED",
    `${context.file}:${position.line}:${position.column}: ${problem} (in the YAML front matter).\n${excerpt}`,
    {
      details: {
        file: context.file,
        line: position.line,
        column: position.column,
        excerpt,
        ...details,
      },
      cause,
    },
  );
}
