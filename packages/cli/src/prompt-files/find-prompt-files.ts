import { type Dirent, readdirSync } from "node:fs";
import path from "node:path";
import { QuireError } from "@quire/core";

export interface FoundPromptFile {
  /** Absolute path. */
  path: string;
  /** Path under the prompts folder with "/" separators: `support/triage.prompt`. */
  relativePath: string;
  /** `_name.prompt` files are partials (`{{> name}}`), not prompts of their own. */
  isPartial: boolean;
}

/** Every `*.prompt` file under `folder`, in a stable order. Hidden folders and node_modules are skipped. */
export function findPromptFiles(folder: string): FoundPromptFile[] {
  const found: FoundPromptFile[] = [];
  const visit = (directory: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (directory === folder && code === "ENOENT") {
        throw new QuireError(
          "NOT_FOUND",
          `The prompts folder ${folder} does not exist; pass the folder (quire push DIR), set [project] promptsDir in quire.toml, or run \`quire init\`.`,
          { details: { folder } },
        );
      }
      throw error;
    }
    for (const entry of entries.sort((left, right) => (left.name < right.name ? -1 : 1))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && entry.name.endsWith(".prompt")) {
        found.push({
          path: full,
          relativePath: path.relative(folder, full).split(path.sep).join("/"),
          isPartial: entry.name.startsWith("_"),
        });
      }
    }
  };
  visit(folder);
  return found;
}
