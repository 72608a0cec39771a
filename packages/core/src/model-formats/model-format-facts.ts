/** What each model format can carry and where things go: read by the adapters and the notes. */

export const modelFormats = [
  "openai-chat",
  "anthropic-messages",
  "gemini-contents",
  "chatml",
  "llama3",
] as const;
export type ModelFormat = (typeof modelFormats)[number];

export interface ModelFormatFacts {
  label: string;
  /** Where the system prompt goes, in words a UI can show. */
  systemPrompt: string;
  /** True when user and assistant turns must alternate (consecutive same-role turns merged). */
  alternatingTurns: boolean;
  /** True when the first turn must be a user turn. */
  startsWithUser: boolean;
  /** How tool calls and results are written, or null when the format has no place for them. */
  toolCalls: string | null;
  /** How images are written, or null when the format has no place for them. */
  images: string | null;
  /** True when a message can carry a participant `name`. */
  names: boolean;
}

export const modelFormatFacts: Record<ModelFormat, ModelFormatFacts> = {
  "openai-chat": {
    label: "OpenAI chat completions",
    systemPrompt: "a message with role system (or developer), anywhere in the list",
    alternatingTurns: false,
    startsWithUser: false,
    toolCalls:
      "assistant message with tool_calls (function name, arguments as a JSON string); results as role tool messages with tool_call_id",
    images: "user content part image_url (https or data URL)",
    names: true,
  },
  "anthropic-messages": {
    label: "Anthropic Messages",
    systemPrompt: "the top-level system field, apart from the messages (all system text joined)",
    alternatingTurns: true,
    startsWithUser: true,
    toolCalls:
      "assistant tool_use blocks (id, name, input object); results as tool_result blocks in the next user turn",
    images: "image blocks with a base64 or url source, in user turns and tool results",
    names: false,
  },
  "gemini-contents": {
    label: "Gemini generateContent",
    systemPrompt: "the systemInstruction field, apart from the contents",
    alternatingTurns: true,
    startsWithUser: false,
    toolCalls:
      "model turn functionCall parts (name, args object); results as functionResponse parts in a user turn, matched by name",
    images: "inlineData (base64) or fileData (URL) parts with a MIME type, in user turns",
    names: false,
  },
  chatml: {
    label: "ChatML text template",
    systemPrompt: "a <|im_start|>system turn at the top of the text",
    alternatingTurns: false,
    startsWithUser: false,
    toolCalls: null,
    images: null,
    names: false,
  },
  llama3: {
    label: "Llama 3 text template",
    systemPrompt: "a system header turn right after <|begin_of_text|>",
    alternatingTurns: false,
    startsWithUser: false,
    toolCalls: null,
    images: null,
    names: false,
  },
};
