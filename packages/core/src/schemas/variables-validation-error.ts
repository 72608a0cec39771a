import { QuireError } from "../errors/index.js";
import type { ValidationProblem } from "./validation-problem.js";

const problemsInMessage = 5;

/** QuireError("VALIDATION_FAILED") for the problems: all in details.problems, the first few in
 * the message. */
export function variablesValidationError(problems: ValidationProblem[]): QuireError {
  const [first] = problems;
  const message =
    problems.length === 1 && first !== undefined
      ? first.message
      : `${problems.length} problems with the variables: ${problems
          .slice(0, problemsInMessage)
          .map((problem) => problem.message)
          .join("; ")}${problems.length > problemsInMessage ? "; …" : ""}`;
  return new QuireError("VALIDATION_FAILED", message, { details: { problems } });
}
