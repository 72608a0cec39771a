import type { QuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { type SourcePosition, templateSyntaxError } from "../templates/template-syntax-error.js";
import { componentReferenceProblem } from "./component-reference.js";

/** TEMPLATE_SYNTAX at the reference: what is wrong with it and how references are written. */
export function invalidReferenceError(
  engine: EngineName,
  source: string,
  position: SourcePosition,
  written: string,
): QuireError {
  const problem = componentReferenceProblem(written) ?? "it is not a valid reference";
  return templateSyntaxError(
    engine,
    source,
    position,
    `{{> ${written}}} is not a component reference: ${problem}. Write {{> name}} (latest version), {{> name@label}} or {{> name:version}}`,
  );
}
