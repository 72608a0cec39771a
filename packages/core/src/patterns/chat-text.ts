import type { ChatMessage } from "../model-formats/chat-message.js";

/** A system, user or assistant message holding one text part. */
export function textMessage(role: "system" | "user" | "assistant", text: string): ChatMessage {
  return { role, content: [{ type: "text", text }] };
}
