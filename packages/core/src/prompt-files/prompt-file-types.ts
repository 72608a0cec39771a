import type { JsonSchema, PromptContent } from "../prompts/prompt-content.js";

/**
 * What a `.prompt` file holds, in the shape of a Quire version (`PromptContent`) plus the
 * prompt's own fields. This is what `parsePromptFile` returns (as part of `ParsedPromptFile`)
 * and what `serializePromptFile` writes.
 *
 * Mapping to the file (see README.md):
 * - `config.model` ↔ front matter `model`; the rest of `config` ↔ `config`.
 * - `inputSchema` ↔ `input.schema` + `input.default` (defaults are folded into the JSON Schema
 *   as `default` keywords of the top-level properties).
 * - `outputSchema` ↔ `output.schema`.
 * - `metadata` ↔ front matter `metadata`, except `metadata.dotprompt`, which holds the front
 *   matter keys Quire has no field for, verbatim: `output.format` (as `{output: {format}}`),
 *   Dotprompt's `name`, `variant`, `version`, `tools`, `toolDefs`, and namespaced keys
 *   (`myapp.owner`).
 * - `template` ↔ the body; or the `messages` key for a message list in another engine.
 */
export interface PromptFileContent extends PromptContent {
  description?: string;
  tags: string[];
  labels: string[];
}

/** The key of `metadata` that holds front matter keys Quire has no field for. */
export const passthroughMetadataKey = "dotprompt";

/** A parsed `.prompt` file: the version-shaped content plus Dotprompt's own view of the file. */
export interface ParsedPromptFile extends PromptFileContent {
  /** Prompt name from the file path (`support/triage.prompt` → `support/triage`), when given. */
  name?: string;
  /** Variant from `name.variant.prompt`, when the file has one. */
  variant?: string;
  /** The file name given to the parser, used in messages. */
  file: string;
  /** Front matter `model`, also found as `config.model`. */
  model?: string;
  input: {
    /** `input.schema` as JSON Schema (Picoschema converted), without the defaults folded in. */
    schema: JsonSchema | null;
    /** `input.default`: Dotprompt merges these under the caller's input when rendering. */
    default: Record<string, unknown>;
  };
  output: { format?: string; schema: JsonSchema | null };
  /** Namespaced keys gathered as Dotprompt does: `myapp.owner: x` → `{myapp: {owner: "x"}}`. */
  ext: Record<string, Record<string, unknown>>;
  /** The front matter exactly as parsed (Dotprompt's `raw`); `{}` when there is none. */
  frontMatter: Record<string, unknown>;
  /** True when the file has front matter (Dotprompt then trims the body). */
  hasFrontMatter: boolean;
  /** The Handlebars (or other engine) body Dotprompt renders: trimmed when there is front matter. */
  body: string;
  /** Line and column (1-based, in the whole file) where `body` starts, for error positions. */
  bodyLine: number;
  bodyColumn: number;
}
