import { QuireError } from "../errors/index.js";
import type { ChatMessage } from "./chat-message.js";
import { type ModelFormat, modelFormats } from "./model-format-facts.js";
import { type AnthropicMessages, toAnthropicMessages } from "./to-anthropic-messages.js";
import { toChatMl, toLlama3 } from "./to-chat-template.js";
import { type GeminiContents, toGeminiContents } from "./to-gemini-contents.js";
import { type OpenAiChatMessage, toOpenAiChat } from "./to-openai-chat.js";

export interface ModelFormatOutputs {
  "openai-chat": { messages: OpenAiChatMessage[] };
  "anthropic-messages": AnthropicMessages;
  "gemini-contents": GeminiContents;
  chatml: { text: string };
  llama3: { text: string };
}

export type ModelFormatOutput = ModelFormatOutputs[ModelFormat];

export function isModelFormat(format: string): format is ModelFormat {
  return (modelFormats as readonly string[]).includes(format);
}

/** Checks a format name from a request or a flag, with an error listing the known ones. */
export function parseModelFormat(format: string): ModelFormat {
  if (isModelFormat(format)) return format;
  throw new QuireError(
    "VALIDATION_FAILED",
    `Unknown model format "${format}"; use one of ${modelFormats.join(", ")}.`,
    { details: { format, knownFormats: [...modelFormats] } },
  );
}

/** Writes the message list in a model format; refuses what the format cannot carry. */
export function toModelFormat<F extends ModelFormat>(
  messages: ChatMessage[],
  format: F,
): ModelFormatOutputs[F];
export function toModelFormat(messages: ChatMessage[], format: string): ModelFormatOutput;
export function toModelFormat(messages: ChatMessage[], format: string): ModelFormatOutput {
  const known = parseModelFormat(format);
  switch (known) {
    case "openai-chat":
      return { messages: toOpenAiChat(messages) };
    case "anthropic-messages":
      return toAnthropicMessages(messages);
    case "gemini-contents":
      return toGeminiContents(messages);
    case "chatml":
      return { text: toChatMl(messages) };
    case "llama3":
      return { text: toLlama3(messages) };
  }
}
