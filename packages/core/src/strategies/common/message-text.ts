import type { ChatMessage } from "../../model-formats/chat-message.js";

/** The text of a message's text parts, joined by line breaks (images are left out). */
export function textOfMessage(message: ChatMessage): string {
  return message.content
    .flatMap((part) => (part.type === "text" && part.text !== "" ? [part.text] : []))
    .join("\n");
}

export function userText(text: string): ChatMessage {
  return { role: "user", content: [{ type: "text", text }] };
}

export function assistantText(text: string): ChatMessage {
  return { role: "assistant", content: [{ type: "text", text }] };
}

/**
 * The messages with `text` added at the end of the last user message (as a new text part, so its
 * images stay), or as a new user message when the conversation does not end with one.
 */
export function appendToPrompt(messages: ChatMessage[], text: string): ChatMessage[] {
  const last = messages.at(-1);
  if (last?.role !== "user") return [...messages, userText(text)];
  return [
    ...messages.slice(0, -1),
    { ...last, content: [...last.content, { type: "text", text }] },
  ];
}
