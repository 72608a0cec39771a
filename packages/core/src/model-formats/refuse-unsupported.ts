import { QuireError } from "../errors/index.js";
import type { ChatMessage } from "./chat-message.js";
import { type ModelFormat, modelFormatFacts } from "./model-format-facts.js";

function refuse(format: ModelFormat, index: number, what: string, fix: string): never {
  const label = modelFormatFacts[format].label;
  throw new QuireError(
    "VALIDATION_FAILED",
    `Message ${index} has ${what}, which the ${label} format cannot carry; ${fix}.`,
    { details: { format, messageIndex: index, unsupported: what } },
  );
}

/**
 * Refuses, naming the message, anything the format's facts say it has no place for (images,
 * tool calls and results, names), so that nothing is dropped without a word.
 */
export function refuseUnsupported(messages: ChatMessage[], format: ModelFormat): void {
  const facts = modelFormatFacts[format];
  messages.forEach((message, index) => {
    if (!facts.names && message.name !== undefined && message.role !== "tool") {
      refuse(format, index, `a name ("${message.name}")`, "remove the name or use openai-chat");
    }
    if (facts.images === null && message.content.some((part) => part.type === "image")) {
      refuse(format, index, "an image", "remove the image or use a format that takes images");
    }
    if (facts.toolCalls === null) {
      if (message.role === "tool") {
        refuse(format, index, "a tool result", "use a format with tool calls");
      }
      if (message.role === "assistant" && (message.toolCalls?.length ?? 0) > 0) {
        refuse(format, index, "tool calls", "use a format with tool calls");
      }
    }
  });
}

/** Refuses an image in a message role that the format takes only as text. */
export function refuseImageIn(
  messages: ChatMessage[],
  format: ModelFormat,
  roles: ChatMessage["role"][],
): void {
  messages.forEach((message, index) => {
    if (roles.includes(message.role) && message.content.some((part) => part.type === "image")) {
      refuse(
        format,
        index,
        `an image in a ${message.role} message`,
        "move the image to a user message",
      );
    }
  });
}
