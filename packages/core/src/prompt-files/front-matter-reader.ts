import { isQuireError, QuireError } from "../errors/index.js";
import {
  excerptAt,
  type FrontMatter,
  type FrontMatterContext,
  frontMatterError,
  type SourcePosition,
} from "./front-matter.js";

type Path = ReadonlyArray<string | number>;

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list (${JSON.stringify(value)})`;
  if (value !== null && typeof value === "object") return "a mapping";
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/** Reads typed values out of parsed front matter; every refusal names the key and its line. */
export class FrontMatterReader {
  constructor(
    readonly frontMatter: FrontMatter,
    readonly context: FrontMatterContext,
  ) {}

  get data(): Record<string, unknown> {
    return this.frontMatter.data;
  }

  position(path: Path): SourcePosition {
    return this.frontMatter.locate(path) ?? { line: this.context.sections.yamlLine, column: 1 };
  }

  fail(path: Path, problem: string): QuireError {
    const field = path.join(".");
    return frontMatterError(this.context, this.position(path), `"${field}" ${problem}`, { field });
  }

  /** Re-places an error raised about a value (e.g. a Picoschema error) at the key it names. */
  relocate(error: unknown, path: Path): unknown {
    if (!isQuireError(error)) return error;
    const key = typeof error.details.key === "string" ? error.details.key : undefined;
    const position =
      (key === undefined ? undefined : this.frontMatter.locateKey(path, key)) ??
      this.position(path);
    const excerpt = excerptAt(this.context.source, position);
    const { file } = this.context;
    return new QuireError(
      error.code,
      `${file}:${position.line}:${position.column}: ${error.message}\n${excerpt}`,
      { details: { ...error.details, file, ...position, excerpt }, cause: error },
    );
  }

  string(path: Path, value: unknown): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "string") throw this.fail(path, `must be text, got ${describe(value)}`);
    return value;
  }

  mapping(path: Path, value: unknown): Record<string, unknown> | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
      throw this.fail(path, `must be a mapping of keys, got ${describe(value)}`);
    }
    return value as Record<string, unknown>;
  }

  list(path: Path, value: unknown): unknown[] | undefined {
    if (value === null || value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.fail(path, `must be a list, got ${describe(value)}`);
    return value;
  }

  /** A list of strings, each checked by `problemOf` (which returns what is wrong, if anything). */
  stringList(
    path: Path,
    value: unknown,
    what: string,
    problemOf: (item: string) => string | undefined = () => undefined,
  ): string[] | undefined {
    if (value === null || value === undefined) return undefined;
    if (!Array.isArray(value)) {
      throw this.fail(path, `must be a list of ${what} (like [a, b]), got ${describe(value)}`);
    }
    return value.map((item, index) => {
      if (typeof item !== "string") {
        throw this.fail([...path, index], `must be one of ${what}, got ${describe(item)}`);
      }
      const problem = problemOf(item);
      if (problem !== undefined) throw this.fail([...path, index], problem);
      return item;
    });
  }

  oneOf<T extends string>(path: Path, value: unknown, allowed: readonly T[]): T | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      throw this.fail(path, `must be one of ${allowed.join(", ")}, got ${describe(value)}`);
    }
    return value as T;
  }

  /** Refuses keys of a mapping other than `known`. */
  onlyKeys(path: Path, value: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        throw this.fail(
          [...path, key],
          `is not a known key; ${path.join(".")} takes ${known.join(", ")}`,
        );
      }
    }
  }
}
