import type { JsonSchema } from "../prompts/prompt-content.js";

/** Converts Dotprompt's Picoschema shorthand to JSON Schema; a JSON Schema passes through. */
export function toJsonSchema(_schema: unknown): JsonSchema {
  throw new Error("not implemented yet");
}
