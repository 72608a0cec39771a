import { QuireError } from "@quire/core";

export interface PromptReference {
  name: string;
  label?: string;
  version?: number;
}

/**
 * Reads `name@label`, `name:version` or a bare `name` (its latest version). Prompt names hold
 * neither `@` nor `:`, so the first of either starts the selector.
 */
export function parsePromptReference(reference: string, index: number): PromptReference {
  const at = reference.indexOf("@");
  if (at !== -1) return { name: reference.slice(0, at), label: reference.slice(at + 1) };
  const colon = reference.indexOf(":");
  if (colon === -1) return { name: reference };
  const version = reference.slice(colon + 1);
  if (!/^[1-9]\d{0,9}$/.test(version)) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `prompts[${index}] "${reference}" has no version number after ":": write "name:3", "name@production" or just "name".`,
      { details: { field: `prompts[${index}]`, reference } },
    );
  }
  return { name: reference.slice(0, colon), version: Number(version) };
}
