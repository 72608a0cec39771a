import { readFileSync } from "node:fs";
import path from "node:path";
import { QuireError } from "@quire/core";

/** `file://cases.csv` → `cases.csv`; undefined for a string that is not a file reference. */
export function fileReferencePath(value: string): string | undefined {
  return value.startsWith("file://") ? value.slice("file://".length) : undefined;
}

/** A path of the config, resolved from the config's folder, and how messages show it. */
export interface ResolvedFile {
  absolute: string;
  label: string;
}

export function resolveConfigPath(
  relative: string,
  configDirectory: string,
  workingDirectory: string,
): ResolvedFile {
  const absolute = path.resolve(configDirectory, relative);
  const shown = path.relative(workingDirectory, absolute);
  return { absolute, label: shown === "" || shown.startsWith("..") ? absolute : shown };
}

/** Reads a referenced file; a missing one names where it was referenced. */
export function readReferencedFile(file: ResolvedFile, referencedAt: string): string {
  try {
    return readFileSync(file.absolute, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "there is no such file"
        : (error as Error).message;
    throw new QuireError(
      "VALIDATION_FAILED",
      `${referencedAt} refers to ${file.label}, but ${reason}; paths are relative to the config file's folder.`,
      { cause: error, details: { file: file.label, referencedAt } },
    );
  }
}

/** Variables whose value is `file://path` take the file's text, as in promptfoo. */
export function withFileVariables(
  variables: Readonly<Record<string, unknown>>,
  configDirectory: string,
  workingDirectory: string,
  where: string,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) {
    const reference = typeof value === "string" ? fileReferencePath(value) : undefined;
    result[name] =
      reference === undefined
        ? value
        : readReferencedFile(
            resolveConfigPath(reference, configDirectory, workingDirectory),
            `${where}.${name}`,
          );
  }
  return result;
}
