import {
  type AssertionHandler,
  asText,
  binary,
  errored,
  outputStart,
  type SpecProblem,
} from "./assertion-handler.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { refusalPhraseFound } from "./refusal-phrases.js";

function flagsOf(spec: AssertionSpec): unknown {
  return spec.options?.flags ?? "";
}

function compileRegex(pattern: string, flags: unknown): RegExp | string {
  if (typeof flags !== "string") return `options.flags must be a string such as "i" or "ms"`;
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const regex: AssertionHandler = {
  requiresValue: true,
  keepsValueRaw: true,
  check(spec) {
    if (spec.value === undefined) return undefined;
    if (typeof spec.value !== "string") {
      return { field: "value", message: "regex needs a pattern string as its value" };
    }
    const compiled = compileRegex(spec.value, flagsOf(spec));
    if (typeof compiled === "string") {
      return {
        field: "value",
        message: `the pattern ${JSON.stringify(spec.value)} does not compile: ${compiled}`,
      };
    }
    return undefined;
  },
  evaluate({ spec, value, input }) {
    const pattern = asText(value);
    const compiled = compileRegex(pattern, flagsOf(spec));
    if (typeof compiled === "string") {
      return errored(`the pattern ${JSON.stringify(pattern)} does not compile: ${compiled}`);
    }
    const match = compiled.exec(input.output);
    return match !== null
      ? binary(true, `output matches /${pattern}/${compiled.flags} at ${JSON.stringify(match[0])}`)
      : binary(
          false,
          `expected output to match /${pattern}/${compiled.flags}; it does not. Output starts: ${outputStart(input.output)}`,
        );
  },
};

interface WordRange {
  min?: number;
  max?: number;
}

function wordRangeOf(value: unknown): WordRange | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return { min: value, max: value };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { min, max } = value as Record<string, unknown>;
  const isBound = (bound: unknown) =>
    bound === undefined || (typeof bound === "number" && Number.isFinite(bound));
  if (!isBound(min) || !isBound(max) || (min === undefined && max === undefined)) return undefined;
  return {
    ...(typeof min === "number" ? { min } : {}),
    ...(typeof max === "number" ? { max } : {}),
  };
}

const wordRangeProblem: SpecProblem = {
  field: "value",
  message: "word-count needs a number (the exact count) or {min, max} with at least one number",
};

/** Words are runs of non-space characters. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

const wordCount: AssertionHandler = {
  requiresValue: true,
  check(spec) {
    return wordRangeOf(spec.value) === undefined ? wordRangeProblem : undefined;
  },
  evaluate({ value, input }) {
    const range = wordRangeOf(value);
    if (range === undefined) return errored(wordRangeProblem.message);
    const count = countWords(input.output);
    const wanted =
      range.min === range.max
        ? `exactly ${range.min}`
        : [
            range.min === undefined ? "" : `at least ${range.min}`,
            range.max === undefined ? "" : `at most ${range.max}`,
          ]
            .filter((part) => part !== "")
            .join(" and ");
    const pass =
      (range.min === undefined || count >= range.min) &&
      (range.max === undefined || count <= range.max);
    return pass
      ? binary(true, `output has ${count} words (${wanted})`)
      : binary(false, `expected ${wanted} words; the output has ${count}`);
  },
};

const isRefusal: AssertionHandler = {
  evaluate({ input }) {
    if (input.output.trim() === "")
      return binary(true, "output is empty, which counts as a refusal");
    const phrase = refusalPhraseFound(input.output);
    return phrase !== undefined
      ? binary(true, `output is a refusal: it says ${JSON.stringify(phrase)}`)
      : binary(
          false,
          `expected output to be a refusal; it has no refusal phrase. Output starts: ${outputStart(input.output)}`,
        );
  },
};

/** regex, word-count and is-refusal. */
export const patternAssertions: Record<string, AssertionHandler> = {
  regex,
  "word-count": wordCount,
  "is-refusal": isRefusal,
};
