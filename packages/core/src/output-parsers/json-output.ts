import type { QuireError } from "../errors/index.js";
import { scanBalanced } from "./balanced-json.js";
import { canonicalLanguage, parseCodeBlocks } from "./code-blocks.js";
import { jsonSyntaxProblem } from "./json-syntax-error.js";
import { outputParseError } from "./output-parse-error.js";
import { positionAt } from "./text-position.js";

/** Where the JSON was found: the whole output, a ```json (or unlabelled) fence, or inside prose. */
export type JsonSource = "bare" | "fenced" | "embedded";

export interface JsonExtraction {
  value: unknown;
  source: JsonSource;
  /** Offsets of the JSON text within the output (end exclusive). */
  start: number;
  end: number;
}

/** How many `{`/`[` starts in prose are tried before giving up (bounds the work on long text). */
const maxEmbeddedCandidates = 200;

type Attempt = { ok: true; value: unknown } | { ok: false; offset?: number; reason: string };

function attempt(text: string): Attempt {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const problem = jsonSyntaxProblem(text);
    if (problem !== undefined) return { ok: false, ...problem };
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The first failure worth reporting, with its place in the whole output. */
interface Failure {
  what: string;
  start: number;
  offset?: number;
  reason: string;
}

function describe(text: string, what: string, start: number): string {
  const { line, column } = positionAt(text, start);
  return `${what} at line ${line}, column ${column}`;
}

/**
 * Finds the JSON in a model's output: the whole output when it is JSON; else the first fenced
 * block labelled `json` (or unlabelled) that parses; else the first balanced `{…}` or `[…]` in the
 * text that parses (brackets inside JSON strings do not count). Throws VALIDATION_FAILED saying
 * what was tried and where parsing failed.
 */
export function extractJson(text: string): JsonExtraction {
  const trimmed = text.trim();
  if (trimmed === "") throw outputParseError(text, "JSON", "the output is empty");
  const bareStart = text.indexOf(trimmed);
  const bare = attempt(trimmed);
  if (bare.ok)
    return { value: bare.value, source: "bare", start: bareStart, end: bareStart + trimmed.length };

  let failure: Failure | undefined;
  for (const block of parseCodeBlocks(text)) {
    const language = block.language === undefined ? "" : canonicalLanguage(block.language);
    if (language !== "" && language !== "json") continue;
    const code = block.code.trim();
    const start = block.codeStart + block.code.indexOf(code);
    const parsed = attempt(code);
    if (parsed.ok)
      return { value: parsed.value, source: "fenced", start, end: start + code.length };
    if (language === "json" && failure === undefined) {
      failure = {
        what: `the \`\`\`json block at line ${block.line}`,
        start,
        ...(parsed.offset === undefined ? {} : { offset: start + parsed.offset }),
        reason: parsed.reason,
      };
    }
  }

  let tried = 0;
  let search = 0;
  while (tried < maxEmbeddedCandidates) {
    const start = firstBracket(text, search);
    if (start === -1) break;
    tried += 1;
    search = start + 1;
    const kind = text[start] === "{" ? "the object" : "the array";
    const scan = scanBalanced(text, start);
    if (scan.kind !== "balanced") {
      failure ??= {
        what: describe(text, `${kind} opened`, start),
        start,
        ...(scan.kind === "mismatched" ? { offset: scan.offset } : {}),
        reason:
          scan.kind === "mismatched"
            ? "a closing bracket does not match the open one"
            : "it is never closed (the output may have been cut off)",
      };
      continue;
    }
    const parsed = attempt(text.slice(start, scan.end));
    if (parsed.ok) return { value: parsed.value, source: "embedded", start, end: scan.end };
    failure ??= {
      what: describe(text, `${kind} starting`, start),
      start,
      ...(parsed.offset === undefined ? {} : { offset: start + parsed.offset }),
      reason: parsed.reason,
    };
  }
  throw jsonFailure(text, failure, tried);
}

/** The JSON value in a model's output (see `extractJson` for where it looks). */
export function parseJsonOutput(text: string): unknown {
  return extractJson(text).value;
}

function firstBracket(text: string, from: number): number {
  const brace = text.indexOf("{", from);
  const bracket = text.indexOf("[", from);
  if (brace === -1) return bracket;
  if (bracket === -1) return brace;
  return Math.min(brace, bracket);
}

function jsonFailure(text: string, failure: Failure | undefined, tried: number): QuireError {
  const expected = "JSON (bare, in a ```json block, or as an object or array inside the text)";
  if (failure === undefined) {
    return outputParseError(text, expected, "the output holds no { or [ and is not JSON itself");
  }
  return outputParseError(text, expected, `${failure.what} is not valid JSON: ${failure.reason}`, {
    ...(failure.offset === undefined ? { offset: failure.start } : { offset: failure.offset }),
    details: { reason: failure.reason, candidatesTried: tried },
  });
}
