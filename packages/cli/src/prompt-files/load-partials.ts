import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
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
