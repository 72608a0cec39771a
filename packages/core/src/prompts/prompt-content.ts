/** The building blocks of a prompt version: what it says, in which engine, with which schemas. */

export const engineNames = ["handlebars", "jinja2", "liquid", "mustache"] as const;
export type EngineName = (typeof engineNames)[number];

export const promptTypes = ["text", "chat"] as const;
export type PromptType = (typeof promptTypes)[number];

/** A JSON Schema document (draft 2020-12 subset that ajv understands). */
export type JsonSchema = Record<string, unknown>;

/** One message of a chat template: `content` is a template in the prompt's engine. */
export interface MessageTemplate {
  role: string;
  content: string;
}

/**
 * A text prompt's template is a string. A chat prompt's template is either a list of message
 * templates, or (Handlebars only, as in Dotprompt files) one string split into messages by
 * `{{role "system"}}` / `{{role "user"}}` markers.
 */
export type PromptTemplate = string | MessageTemplate[];

/** Everything that makes a version's content; two versions with equal content are the same. */
export interface PromptContent {
  type: PromptType;
  engine: EngineName;
  template: PromptTemplate;
  inputSchema: JsonSchema | null;
  outputSchema: JsonSchema | null;
  /** Model configuration: `model`, `temperature`, `maxTokens` and provider-specific keys. */
  config: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** A rendered message, in Dotprompt's output shape. */
export type RenderedPart =
  | { text: string }
  | { media: { url: string; contentType?: string } }
  | Record<string, unknown>;

export interface RenderedMessage {
  role: string;
  content: RenderedPart[];
  metadata?: Record<string, unknown>;
}

export type RenderOutput = { text: string } | { messages: RenderedMessage[] };
