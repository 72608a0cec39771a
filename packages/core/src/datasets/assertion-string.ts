import type { AssertionSpec } from "../evaluation/assertion-spec.js";

/**
 * promptfoo's short assertion strings as they appear in a CSV's `__expected` columns:
 * `contains: refund`, `not-icontains: sorry`, `regex: ^\d+$`, `similar(0.8): the answer`,
 * `javascript: output.length < 100`, `llm-rubric: is polite`, `is-json`. Aliases as promptfoo
 * has them: `grade:` is llm-rubric, `fn:` and `eval:` are javascript.
 */
const ALIASES: Readonly<Record<string, string>> = {
  grade: "llm-rubric",
  fn: "javascript",
  eval: "javascript",
};

/** Types that need a value after the colon. */
const VALUE_TYPES = new Set([
  "equals",
  "contains",
  "icontains",
  "contains-any",
  "icontains-any",
  "contains-all",
  "icontains-all",
  "starts-with",
  "regex",
  "javascript",
  "similar",
  "levenshtein",
  "rouge-n",
  "bleu",
  "llm-rubric",
  "factuality",
  "word-count",
]);

/** Types that may stand alone (`is-json`) or take an optional value or threshold. */
const OPTIONAL_VALUE_TYPES = new Set([
  "is-json",
  "contains-json",
  "is-xml",
  "contains-xml",
  "is-refusal",
  "latency",
  "cost",
]);

/** Types whose value is a comma-separated list, as promptfoo splits them. */
const LIST_TYPES = new Set(["contains-any", "icontains-any", "contains-all", "icontains-all"]);

const PATTERN = /^(not-)?([a-z]+(?:-[a-z]+)*)(?:\(([^()]*)\))?(?::([\s\S]*))?$/;

export type AssertionStringResult =
  | { kind: "assertion"; assertion: AssertionSpec }
  | { kind: "text" }
  | { kind: "invalid"; problem: string; fix: string };

/** Reads one cell: an assertion string, plain text, or an assertion string with a bad threshold. */
export function parseAssertionString(cell: string): AssertionStringResult {
  const match = PATTERN.exec(cell.trim());
  if (!match) return { kind: "text" };
  const [, negation, rawType = "", rawThreshold, rawValue] = match;
  const type = ALIASES[rawType] ?? rawType;
  const needsValue = VALUE_TYPES.has(type);
  if (!needsValue && !OPTIONAL_VALUE_TYPES.has(type)) return { kind: "text" };
  const value = rawValue?.trim();
  if (needsValue && (value === undefined || value === "")) return { kind: "text" };
  const assertion: AssertionSpec = { type: `${negation ?? ""}${type}` };
  if (rawThreshold !== undefined) {
    const threshold = Number(rawThreshold.trim());
    if (rawThreshold.trim() === "" || !Number.isFinite(threshold)) {
      return {
        kind: "invalid",
        problem: `the threshold "${rawThreshold}" of a ${type} assertion is not a number`,
        fix: `Write it as ${type}(0.8): value.`,
      };
    }
    assertion.threshold = threshold;
  }
  if (value !== undefined && value !== "") {
    assertion.value = LIST_TYPES.has(type) ? splitList(value) : value;
  }
  return { kind: "assertion", assertion };
}

/** Splits on commas not preceded by a backslash; `\,` stands for a literal comma. */
export function splitList(value: string): string[] {
  return value
    .split(/(?<!\\),/)
    .map((item) => item.replaceAll("\\,", ",").trim())
    .filter((item) => item !== "");
}
