import type { ParsedPromptFile } from "./prompt-file-types.js";

/** Front matter keys Dotprompt copies into a prompt's metadata (the rest stay in `raw`/`ext`). */
const dotpromptReservedKeys = [
  "config",
  "description",
  "ext",
  "input",
  "model",
  "name",
  "output",
  "raw",
  "toolDefs",
  "tools",
  "variant",
  "version",
];

function copyWithoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyWithoutUndefined);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) copy[key] = copyWithoutUndefined(entry);
  }
  return copy;
}

/**
 * What Dotprompt gives templates as `@metadata.prompt` for this file: its reserved front matter
 * keys over `{ext, metadata: {}, config}`, `raw`, tools listed as unresolved (`toolDefs: []`),
 * the output schema as JSON Schema, and no `input`. Same keys in the same order, so
 * `{{json @metadata.prompt}}` prints the same text.
 */
export function dotpromptPromptMetadata(file: ParsedPromptFile): Record<string, unknown> {
  const raw = file.frontMatter;
  const view: Record<string, unknown> = { ext: {}, metadata: {}, config: {} };
  if (file.hasFrontMatter) {
    for (const key of Object.keys(raw)) {
      if (dotpromptReservedKeys.includes(key)) view[key] = raw[key];
    }
    view.raw = { ...raw };
    view.ext = file.ext;
  }
  view.config = { ...((view.config as Record<string, unknown> | null) || {}) };
  const metadata = copyWithoutUndefined(view) as Record<string, unknown>;
  if (metadata.tools) {
    metadata.toolDefs = metadata.toolDefs || [];
    metadata.tools = [...(metadata.tools as string[])];
  }
  const output = metadata.output as Record<string, unknown> | undefined;
  if (output?.schema && file.output.schema !== null) {
    metadata.output = { ...output, schema: file.output.schema };
  }
  delete metadata.input;
  return metadata;
}
