import { readFileSync } from "node:fs";
import path from "node:path";
import { findPromptFiles } from "./find-prompt-files.js";
import { partialNameOf } from "./prompt-file-codec.js";

/**
 * The partials a local `.prompt` file can include: every `_name.prompt` in its folder and the
 * folders below, named by their path from that folder (`_header.prompt` → `header`).
 */
export function loadPartialsNear(filePath: string): Record<string, string> {
  const folder = path.dirname(filePath);
  const partials: Record<string, string> = {};
  for (const found of findPromptFiles(folder)) {
    if (found.isPartial)
      partials[partialNameOf(found.relativePath)] = readFileSync(found.path, "utf8");
  }
  return partials;
}
