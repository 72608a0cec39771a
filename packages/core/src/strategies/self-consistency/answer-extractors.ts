import { QuireError } from "../../errors/index.js";
import type { GenerateResult } from "../../models/language-model.js";
import { extractJson } from "../../output-parsers/json-output.js";

/** The answer a sample votes for, or undefined when the text holds none (a failed sample). */
export type AnswerExtractor = (text: string, result: GenerateResult) => string | undefined;

/** Extractors a version's config can name. */
export const answerExtractorNames = [
  "auto",
  "answer-line",
  "json-answer",
  "boxed",
  "last-line",
  "whole",
] as const;
export type AnswerExtractorName = (typeof answerExtractorNames)[number];

function clean(text: string): string {
  return text
    .trim()
    .replace(/^[#>*_\s]+|[*_\s]+$/g, "")
    .trim();
}

function nonEmpty(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = clean(text);
  return cleaned === "" ? undefined : cleaned;
}

/** What follows the last `Answer:` or `Final answer:` label (markdown emphasis allowed). */
export function answerLine(text: string): string | undefined {
  const matches = [...text.matchAll(/\b(?:final\s+answer|answer)[*_\s]*[:：][*_\s]*(.+)$/gim)];
  return nonEmpty(matches.at(-1)?.[1]);
}

/** The `answer` field of a JSON object in the text (bare, fenced or embedded). */
export function jsonAnswer(text: string): string | undefined {
  let value: unknown;
  try {
    value = extractJson(text).value;
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const answer = (value as Record<string, unknown>).answer;
  if (answer === undefined || answer === null) return undefined;
  return nonEmpty(typeof answer === "string" ? answer : JSON.stringify(answer));
}

/** The content of the last `\boxed{…}` (math answers), nested braces included. */
export function boxedAnswer(text: string): string | undefined {
  const start = text.lastIndexOf("\\boxed{");
  if (start === -1) return undefined;
  let depth = 0;
  for (let index = start + "\\boxed".length; index < text.length; index += 1) {
    if (text[index] === "{") depth += 1;
    else if (text[index] === "}") {
      depth -= 1;
      if (depth === 0) return nonEmpty(text.slice(start + "\\boxed{".length, index));
    }
  }
  return undefined;
}

/** The last line that has some text. */
export function lastLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).filter((line) => clean(line) !== "");
  return nonEmpty(lines.at(-1));
}

/** A structured answer first (JSON `answer`, `Answer:` line, `\boxed{}`), else the last line. */
export function autoAnswer(text: string): string | undefined {
  return jsonAnswer(text) ?? answerLine(text) ?? boxedAnswer(text) ?? lastLine(text);
}

const extractors: Record<AnswerExtractorName, (text: string) => string | undefined> = {
  auto: autoAnswer,
  "answer-line": answerLine,
  "json-answer": jsonAnswer,
  boxed: boxedAnswer,
  "last-line": lastLine,
  whole: (text) => nonEmpty(text),
};

export function namedAnswerExtractor(name: AnswerExtractorName): AnswerExtractor {
  return extractors[name];
}

/** An extractor from a regular expression: its first group (or whole match), last match wins. */
export function patternAnswerExtractor(pattern: string): AnswerExtractor {
  let expression: RegExp;
  try {
    expression = new RegExp(pattern, "gm");
  } catch (error) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `The answer pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      { details: { answerPattern: pattern } },
    );
  }
  return (text) => {
    const last = [...text.matchAll(expression)].at(-1);
    return nonEmpty(last?.[1] ?? last?.[0]);
  };
}

/**
 * The key answers are counted under: spaces collapsed, case and a final full stop ignored,
 * surrounding quotes dropped, numbers compared as numbers (`1,000.0` and `1000` agree).
 */
export function normalizeAnswer(answer: string): string {
  const text = answer
    .trim()
    .replace(/^["'`“‘]+|["'`”’]+$/g, "")
    .replace(/\.$/, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
  const numeric = text.replace(/^\$|,(?=\d{3}\b)/g, "");
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/.test(numeric)) return String(Number(numeric));
  return text;
}
