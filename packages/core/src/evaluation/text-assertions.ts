import {
  type AssertionHandler,
  type AssertionOutcome,
  asText,
  binary,
  errored,
  outputStart,
  type SpecProblem,
} from "./assertion-handler.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { jsonEqual } from "./json-equal.js";

/** The needles of a contains-any/all value: a list, or one string split on commas. */
export function needlesOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map((item) => asText(item));
  if (typeof value === "string") {
    return value
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
  }
  return undefined;
}

function checkNeedles(spec: AssertionSpec): SpecProblem | undefined {
  if (spec.value === undefined) return undefined;
  const needles = needlesOf(spec.value);
  if (needles === undefined || needles.length === 0) {
    return {
      field: "value",
      message: `${spec.type} needs a list of strings (or one comma-separated string) as its value`,
    };
  }
  return undefined;
}

const equals: AssertionHandler = {
  valueFromExpected: true,
  requiresValue: true,
  evaluate({ value, input }) {
    if (typeof value !== "string") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.output);
      } catch {
        return binary(
          false,
          `expected output to equal the JSON ${outputStart(JSON.stringify(value))}; the output is not JSON. Output starts: ${outputStart(input.output)}`,
        );
      }
      return jsonEqual(parsed, value)
        ? binary(true, "output equals the expected JSON")
        : binary(
            false,
            `expected output to equal the JSON ${outputStart(JSON.stringify(value))}; it differs. Output starts: ${outputStart(input.output)}`,
          );
    }
    if (input.output === value) return binary(true, "output equals the expected text");
    let at = 0;
    while (at < value.length && input.output[at] === value[at]) at += 1;
    return binary(
      false,
      `expected output to equal ${outputStart(value)}; it differs from character ${at + 1}${input.output.trim() === value.trim() ? " (only in leading or trailing whitespace)" : ""}. Output starts: ${outputStart(input.output)}`,
    );
  },
};

function containsHandler(ignoreCase: boolean): AssertionHandler {
  return {
    valueFromExpected: true,
    requiresValue: true,
    evaluate({ value, input }) {
      const needle = asText(value);
      const found = ignoreCase
        ? input.output.toLowerCase().includes(needle.toLowerCase())
        : input.output.includes(needle);
      const how = ignoreCase ? " (case-insensitive)" : "";
      return found
        ? binary(true, `output contains ${JSON.stringify(needle)}${how}`)
        : binary(
            false,
            `expected output to contain ${JSON.stringify(needle)}${how}; it does not. Output starts: ${outputStart(input.output)}`,
          );
    },
  };
}

function containsSomeHandler(mode: "any" | "all", ignoreCase: boolean): AssertionHandler {
  return {
    requiresValue: true,
    check: checkNeedles,
    evaluate({ value, input }): AssertionOutcome {
      const needles = needlesOf(value);
      if (needles === undefined || needles.length === 0) {
        return errored('the value is not a list of strings; give a list such as ["a", "b"]');
      }
      const haystack = ignoreCase ? input.output.toLowerCase() : input.output;
      const has = (needle: string) => haystack.includes(ignoreCase ? needle.toLowerCase() : needle);
      const found = needles.filter(has);
      const missing = needles.filter((needle) => !has(needle));
      const how = ignoreCase ? " (case-insensitive)" : "";
      if (mode === "any") {
        return found.length > 0
          ? binary(true, `output contains ${JSON.stringify(found[0])}${how}`)
          : binary(
              false,
              `expected output to contain any of ${JSON.stringify(needles)}${how}; it contains none. Output starts: ${outputStart(input.output)}`,
            );
      }
      return missing.length === 0
        ? binary(true, `output contains all of ${JSON.stringify(needles)}${how}`)
        : binary(
            false,
            `expected output to contain all of ${JSON.stringify(needles)}${how}; missing ${JSON.stringify(missing)}. Output starts: ${outputStart(input.output)}`,
          );
    },
  };
}

const startsWith: AssertionHandler = {
  requiresValue: true,
  evaluate({ value, input }) {
    const prefix = asText(value);
    return input.output.startsWith(prefix)
      ? binary(true, `output starts with ${JSON.stringify(prefix)}`)
      : binary(
          false,
          `expected output to start with ${JSON.stringify(prefix)}; it does not. Output starts: ${outputStart(input.output)}`,
        );
  },
};

/** equals, the contains family and starts-with. */
export const textAssertions: Record<string, AssertionHandler> = {
  equals,
  contains: containsHandler(false),
  icontains: containsHandler(true),
  "contains-any": containsSomeHandler("any", false),
  "contains-all": containsSomeHandler("all", false),
  "icontains-any": containsSomeHandler("any", true),
  "icontains-all": containsSomeHandler("all", true),
  "starts-with": startsWith,
};
