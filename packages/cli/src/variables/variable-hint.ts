import { isQuireError, QuireError } from "@quire/core";
import { parseVariable } from "./parse-variable.js";

/**
 * `--var zip=007` is text but `--var zip=123` is a number, since values are read as JSON. When the
 * server says a variable given that way should have been a string, add how to pass it as one.
 */
export function withVariableHint(error: unknown, variableFlags: readonly string[]): unknown {
  if (!isQuireError(error) || error.code !== "VALIDATION_FAILED") return error;
  const problems = Array.isArray(error.details.problems) ? error.details.problems : [];
  const hints: string[] = [];
  for (const flag of variableFlags) {
    const { name, value } = parseVariable(flag);
    if (typeof value === "string") continue;
    const wantsString = problems.some(
      (problem: unknown) =>
        problem !== null &&
        typeof problem === "object" &&
        (problem as { path?: unknown }).path === name &&
        (problem as { expected?: unknown }).expected === "string",
    );
    const raw = flag.slice(flag.indexOf("=") + 1);
    if (wantsString) hints.push(`--var ${name}='${JSON.stringify(raw)}'`);
  }
  if (hints.length === 0) return error;
  return new QuireError(
    error.code,
    `${error.message}\nhint: --var values are read as JSON when they parse; for text write ${hints.join(" ")}`,
    { details: error.details, cause: error, retryable: error.retryable },
  );
}
