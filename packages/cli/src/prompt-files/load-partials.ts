import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isQuireError, QuireError } from "@quire/core";
import { findPromptFiles } from "./find-prompt-files.js";
import { partialNameOf } from "./prompt-file-codec.js";

/** The nearest folder above `folder` (or `folder` itself) that holds a quire.toml. */
function projectFolderOf(folder: string): string | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, "quire.toml"))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * The partials a local `.prompt` file can include: every `_name.prompt` in its folder and the
 * folders below, named by their path from that folder (`_header.prompt` → `header`). Inside a
 * project (a folder with quire.toml above), also those of each folder between the file and the
 * project, named from that folder — so `{{> support/footer}}` finds
 * `prompts/support/_footer.prompt` as `quire push` names it. The nearer name wins.
 */
export function loadPartialsNear(filePath: string): Record<string, string> {
  const folder = path.dirname(path.resolve(filePath));
  const partials: Record<string, string> = {};
  const addFrom = (root: string) => {
    for (const found of findPromptFiles(root)) {
      if (!found.isPartial) continue;
      let name: string;
      try {
        name = partialNameOf(found.relativePath);
      } catch {
        continue; // Not a name a prompt could include: `quire push` reports it.
      }
      if (!Object.hasOwn(partials, name)) partials[name] = readFileSync(found.path, "utf8");
    }
  };
  addFrom(folder);
  const project = projectFolderOf(folder);
  if (project === undefined) return partials;
  for (let current = path.dirname(folder); ; current = path.dirname(current)) {
    const relative = path.relative(project, current);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) break;
    addFrom(current);
  }
  return partials;
}

/**
 * A render error about a partial that `loadPartialsNear` did not find, said in the CLI's terms:
 * where it looked and how a name with folders is found. Other errors are returned unchanged.
 */
export function explainMissingPartial(error: unknown, filePath: string, shown: string): unknown {
  if (!isQuireError(error) || typeof error.details.partial !== "string") return error;
  if (!/is not defined/.test(error.message)) return error;
  const name = error.details.partial;
  const folder = path.dirname(path.resolve(filePath));
  const project = projectFolderOf(folder);
  const slash = name.lastIndexOf("/");
  const fileName = `${name.slice(0, slash + 1)}_${name.slice(slash + 1)}.prompt`;
  const where =
    project === undefined
      ? `No quire.toml was found above ${folder}, so only _name.prompt files in that folder and below were read, named from it. A name with folders ("${name}") is read from the project folder: create quire.toml there with \`quire init\`, and keep the partial as <prompts folder>/${fileName}.`
      : `Looked in ${folder} and below, and in each folder up to the project ${project}; keep it as ${fileName} under one of them (as \`quire push\` names it).`;
  return new QuireError(
    error.code,
    `${shown}: the partial "${name}" (included as {{> ${name}}}) was not found. ${where}`,
    { details: { ...error.details, project: project ?? null }, cause: error },
  );
}
