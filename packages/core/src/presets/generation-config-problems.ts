import type { z } from "zod";
import { QuireError } from "../errors/index.js";
import { unknownPresetError } from "./unknown-preset-error.js";

const expected: Readonly<Record<string, string>> = {
  temperature: "a number from 0 to 2",
  topP: "a number above 0 and at most 1",
  maxOutputTokens: "a whole number of tokens above 0",
  maxTokens: "a whole number of tokens above 0",
  stopSequences: "a list of non-empty strings",
  seed: "a whole number",
  presencePenalty: "a number from -2 to 2",
  frequencyPenalty: "a number from -2 to 2",
};

/**
 * The error for generation settings that failed their schema: an unknown preset gets its own
 * error (known names, did-you-mean); otherwise one VALIDATION_FAILED naming every bad key,
 * what it must be and what it was.
 */
export function generationConfigError(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  where: "config" | "request",
): QuireError {
  const presetIssue = issues.find((issue) => issue.path[0] === "preset");
  if (presetIssue !== undefined)
    return unknownPresetError(valueAt(raw, "preset"), `${where}.preset`);
  const problems = issues.map((issue) => {
    const name = String(issue.path[0] ?? "");
    const key = [where, ...issue.path.map(String)].join(".");
    const value = valueAt(raw, name);
    const want = expected[name];
    return {
      key,
      message:
        want === undefined
          ? `${key}: ${issue.message}`
          : `${key} must be ${want}, got ${JSON.stringify(value) ?? String(value)}`,
    };
  });
  return new QuireError(
    "VALIDATION_FAILED",
    `${problems.map((problem) => problem.message).join("; ")}.`,
    { details: { key: problems[0]?.key, problems } },
  );
}

function valueAt(raw: unknown, key: string): unknown {
  return raw !== null && typeof raw === "object"
    ? (raw as Record<string, unknown>)[key]
    : undefined;
}
