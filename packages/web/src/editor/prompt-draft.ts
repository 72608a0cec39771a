import type {
  EngineName,
  JsonSchema,
  MessageTemplate,
  PromptContent,
  PromptType,
  Version,
} from "@quire/core";

/** What the editor edits: a version's content, with the input schema as text. */
export interface PromptDraft {
  type: PromptType;
  engine: EngineName;
  template: string | MessageTemplate[];
  /** The input schema as JSON text ("" for none). */
  inputSchemaText: string;
  config: Record<string, unknown>;
}

export function draftOf(version: Version): PromptDraft {
  return {
    type: version.type,
    engine: version.engine,
    template: version.template,
    inputSchemaText:
      version.inputSchema === null ? "" : JSON.stringify(version.inputSchema, null, 2),
    config: version.config,
  };
}

export const newPromptDraft: PromptDraft = {
  type: "text",
  engine: "handlebars",
  template: "You are a helpful assistant.\n\nAnswer the question of {{user}}:\n{{question}}\n",
  inputSchemaText: "",
  config: {},
};

export type SchemaParse = { schema: JsonSchema | null; error: string | null };

/** The draft's input schema: null when empty, with a message a person can act on when not JSON. */
export function parseInputSchema(text: string): SchemaParse {
  if (text.trim() === "") return { schema: null, error: null };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return {
        schema: null,
        error:
          'The input schema must be a JSON object, like {"type": "object", "properties": {…}}.',
      };
    }
    return { schema: value as JsonSchema, error: null };
  } catch (error) {
    return {
      schema: null,
      error: `The input schema is not valid JSON: ${(error as Error).message}`,
    };
  }
}

/** The draft as content core can compile (the schema left out while it is not valid). */
export function contentOf(draft: PromptDraft, schema: JsonSchema | null): PromptContent {
  return {
    type: draft.type,
    engine: draft.engine,
    template: draft.template,
    inputSchema: schema,
    outputSchema: null,
    config: draft.config,
    metadata: {},
  };
}

export function sameDraft(left: PromptDraft, right: PromptDraft): boolean {
  return (
    left.type === right.type &&
    left.engine === right.engine &&
    JSON.stringify(left.template) === JSON.stringify(right.template) &&
    left.inputSchemaText.trim() === right.inputSchemaText.trim()
  );
}
