import { readFileSync } from "node:fs";
import { isQuireError, promptNameProblem, QuireError } from "@quire/core";
import { findPromptFiles } from "./find-prompt-files.js";
import { type PromptFileDefinition, parsePromptSource, promptNameOf } from "./prompt-file-codec.js";

export interface LoadedPromptFile extends PromptFileDefinition {
  name: string;
  /** Path under the prompts folder, "/"-separated. */
  file: string;
}

export interface LoadedPromptFolder {
  prompts: LoadedPromptFile[];
  /** `_name.prompt` partials found (paths under the folder); they are not prompts of their own. */
  partials: string[];
}

interface FileProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * Reads and parses every `.prompt` file under `folder` before anything is sent: if any file is
 * bad, one QuireError lists every bad file as `file:line:column: problem`.
 */
export function loadPromptFolder(folder: string, shownFolder: string): LoadedPromptFolder {
  const loaded: LoadedPromptFile[] = [];
  const partials: string[] = [];
  const problems: FileProblem[] = [];
  const fileByName = new Map<string, string>();
  for (const found of findPromptFiles(folder)) {
    const shownFile = joinShown(shownFolder, found.relativePath);
    if (found.isPartial) {
      partials.push(found.relativePath);
      continue;
    }
    try {
      const name = promptNameOf(found.relativePath);
      const nameProblem = promptNameProblem(name);
      if (nameProblem !== undefined) {
        problems.push({
          file: shownFile,
          message: `its prompt name ${JSON.stringify(name)} ${nameProblem}; rename the file`,
        });
        continue;
      }
      const other = fileByName.get(name);
      if (other !== undefined) {
        problems.push({
          file: shownFile,
          message: `names the same prompt ${JSON.stringify(name)} as ${other}`,
        });
        continue;
      }
      fileByName.set(name, shownFile);
      const definition = parsePromptSource(readFileSync(found.path, "utf8"), shownFile);
      loaded.push({ ...definition, name, file: found.relativePath });
    } catch (error) {
      if (!isQuireError(error)) throw error;
      problems.push({
        file: shownFile,
        line: numberOrUndefined(error.details.line),
        column: numberOrUndefined(error.details.column),
        message: stripLocation(error.message, shownFile),
      });
    }
  }
  if (problems.length > 0) {
    const lines = problems.map(
      (problem) =>
        `  ${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}${problem.column === undefined ? "" : `:${problem.column}`}: ${problem.message.replaceAll("\n", "\n    ")}`,
    );
    throw new QuireError(
      "VALIDATION_FAILED",
      `${problems.length} prompt file${problems.length === 1 ? " has" : "s have"} errors; nothing was sent:\n${lines.join("\n")}`,
      { details: { problems } },
    );
  }
  return { prompts: loaded, partials };
}

function joinShown(folder: string, relativePath: string): string {
  return folder === "" || folder === "."
    ? relativePath
    : `${folder.replace(/\/+$/, "")}/${relativePath}`;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Messages that already start with the file's name would name it twice. */
function stripLocation(message: string, file: string): string {
  return message.startsWith(file)
    ? message.slice(file.length).replace(/^(:\d+)*:?\s*/, "")
    : message;
}
