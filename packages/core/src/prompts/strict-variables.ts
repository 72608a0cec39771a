import { unknownVariableProblems } from "../schemas/unknown-variables.js";
import type { ValidationProblem } from "../schemas/validation-problem.js";

/** What strict mode checks a prompt's variables against. */
export interface StrictNames {
  /** The top-level names the prompt takes (the schema's, else the templates'). */
  known: ReadonlySet<string>;
  /** Without a schema, the names the templates read, which strict mode needs present. */
  required: readonly string[];
  source: "input schema" | "template";
}

/**
 * Strict mode: names the prompt does not take are refused; without an input schema, the
 * variables the templates read must all be given (with a schema, its `required` says).
 */
export function strictProblems(
  variables: Record<string, unknown>,
  names: StrictNames,
): ValidationProblem[] {
  const problems = unknownVariableProblems(variables, names.known, names.source);
  for (const name of names.required) {
    if (variables[name] !== undefined && Object.hasOwn(variables, name)) continue;
    problems.push({
      path: name,
      keyword: "required",
      message: `Missing variable "${name}" (strict mode): the template reads it`,
    });
  }
  return problems;
}
