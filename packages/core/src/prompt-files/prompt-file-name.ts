import { QuireError } from "../errors/index.js";
import { promptNameProblem } from "../prompts/prompt-name.js";

/** A prompt (or partial) name read from a file path, with the variant when the file has one. */
export interface PromptFileName {
  name: string;
  variant?: string;
}

/** Dotprompt's file-name convention: `name.prompt` or `name.variant.prompt`. */
const fileNamePattern = /^([^.]+)(?:\.([^.]+))?\.prompt$/;

function normalizedPath(relativePath: string): string {
  let path = relativePath.replaceAll("\\", "/");
  while (path.startsWith("./")) path = path.slice(2);
  return path;
}

function splitFolder(path: string): [folder: string, base: string] {
  const slash = path.lastIndexOf("/");
  return [path.slice(0, slash + 1), path.slice(slash + 1)];
}

/** True for Dotprompt partial files, whose base name starts with `_` (`common/_header.prompt`). */
export function isPartialPath(relativePath: string): boolean {
  return splitFolder(normalizedPath(relativePath))[1].startsWith("_");
}

/**
 * The prompt name of a `.prompt` file from its path under the prompts folder:
 * `support/triage.prompt` → `{name: "support/triage"}`,
 * `support/triage.formal.prompt` → `{name: "support/triage", variant: "formal"}`.
 * @throws QuireError("VALIDATION_FAILED") for a partial (`_x.prompt`), another extension, more
 * than one dot before `.prompt`, or characters a prompt name may not hold.
 */
export function promptNameFromPath(relativePath: string): PromptFileName {
  const [folder, base] = splitFolder(normalizedPath(relativePath));
  if (base.startsWith("_")) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `"${relativePath}" is a partial (its file name starts with "_"), not a prompt. Include it from a prompt with {{> name}}; read its name with partialNameFromPath.`,
      { details: { file: relativePath, field: "path" } },
    );
  }
  return nameFromBase(relativePath, folder, base, "prompt");
}

/**
 * The partial name of a Dotprompt partial file: `_header.prompt` → `{name: "header"}`,
 * `common/_header.prompt` → `{name: "common/header"}` (used as `{{> common/header}}`).
 * @throws QuireError("VALIDATION_FAILED") when the file name does not start with `_`.
 */
export function partialNameFromPath(relativePath: string): PromptFileName {
  const [folder, base] = splitFolder(normalizedPath(relativePath));
  if (!base.startsWith("_")) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `"${relativePath}" is not a partial: partial file names start with "_" (like "_header.prompt").`,
      { details: { file: relativePath, field: "path" } },
    );
  }
  return nameFromBase(relativePath, folder, base.slice(1), "partial");
}

function nameFromBase(
  relativePath: string,
  folder: string,
  base: string,
  kind: "prompt" | "partial",
): PromptFileName {
  const match = fileNamePattern.exec(base);
  if (match === null) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `"${relativePath}" is not a ${kind} file name: expected "name.prompt" or "name.variant.prompt" (at most one "." before ".prompt").`,
      { details: { file: relativePath, field: "path" } },
    );
  }
  const name = `${folder}${match[1]}`;
  const variant = match[2];
  const problem = promptNameProblem(variant === undefined ? name : `${name}.${variant}`);
  if (problem !== undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `"${relativePath}" does not give a valid ${kind} name: it ${problem}. Use path segments of letters, digits, "-", "_" and "." separated by "/".`,
      { details: { file: relativePath, field: "path", problem } },
    );
  }
  return variant === undefined ? { name } : { name, variant };
}
