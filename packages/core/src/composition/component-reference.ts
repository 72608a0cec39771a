import { QuireError } from "../errors/index.js";
import { implicitLabel, labelNameProblem, promptNameProblem } from "../prompts/prompt-name.js";

/**
 * A component reference, as written after `{{>` in a template:
 * - `support/guidelines` → the latest version (`requested: "latest"`; `@latest` means the same);
 * - `support/guidelines@production` → where the label points (`requested: "label"`);
 * - `support/guidelines:3` → version 3 (`requested: "version"`).
 */
export type ComponentReference =
  | { name: string; requested: "latest" }
  | { name: string; requested: "label"; label: string }
  | { name: string; requested: "version"; version: number };

export type ComponentRequest = ComponentReference["requested"];

/** What is wrong with a reference's text, or undefined when it is valid. */
export function componentReferenceProblem(text: string): string | undefined {
  const { name, label, version } = splitReference(text);
  const nameProblem = promptNameProblem(name);
  if (nameProblem !== undefined) return `its prompt name ${JSON.stringify(name)} ${nameProblem}`;
  if (label !== undefined && label !== implicitLabel) {
    const problem = labelNameProblem(label);
    if (problem !== undefined) return `its label ${JSON.stringify(label)} ${problem}`;
  }
  if (version !== undefined && !/^[1-9]\d{0,8}$/.test(version)) {
    return `its version ${JSON.stringify(version)} is not a whole number from 1`;
  }
  return undefined;
}

/**
 * Reads `name`, `name@label` or `name:version`.
 * @throws QuireError("VALIDATION_FAILED") saying what is wrong and what the forms are.
 */
export function parseComponentReference(text: string): ComponentReference {
  const problem = componentReferenceProblem(text);
  if (problem !== undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${JSON.stringify(text)} is not a component reference: ${problem}. Write name (latest), name@label or name:version, e.g. support/guidelines@production.`,
      { details: { reference: text, problem } },
    );
  }
  const { name, label, version } = splitReference(text);
  if (version !== undefined) return { name, requested: "version", version: Number(version) };
  if (label !== undefined && label !== implicitLabel) return { name, requested: "label", label };
  return { name, requested: "latest" };
}

/** The canonical text of a reference: `name`, `name@label` or `name:3`. */
export function formatComponentReference(reference: ComponentReference): string {
  switch (reference.requested) {
    case "latest":
      return reference.name;
    case "label":
      return `${reference.name}@${reference.label}`;
    case "version":
      return `${reference.name}:${reference.version}`;
  }
}

/** Prompt names hold neither `@` nor `:`, so the last of them starts the selector. */
function splitReference(text: string): { name: string; label?: string; version?: string } {
  const at = text.lastIndexOf("@");
  const colon = text.lastIndexOf(":");
  if (at === -1 && colon === -1) return { name: text };
  if (at > colon) return { name: text.slice(0, at), label: text.slice(at + 1) };
  return { name: text.slice(0, colon), version: text.slice(colon + 1) };
}
