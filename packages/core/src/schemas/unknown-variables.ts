import type { ValidationProblem } from "./validation-problem.js";

/** Strict mode: every top-level variable not among `known` is a problem naming it. */
export function unknownVariableProblems(
  variables: Record<string, unknown>,
  known: ReadonlySet<string>,
  source: "input schema" | "template",
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const name of Object.keys(variables)) {
    if (known.has(name)) continue;
    const takes =
      known.size === 0
        ? `the ${source} declares no variables`
        : `the ${source} declares ${[...known].map((item) => `"${item}"`).join(", ")}`;
    problems.push({
      path: name,
      keyword: "unknown",
      message: `Unknown variable "${name}" (strict mode): ${takes}`,
    });
  }
  return problems;
}
