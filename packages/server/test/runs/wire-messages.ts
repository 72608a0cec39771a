import type { TestRequest } from "@quire/llm/testing";

/** A chat message as Quire sent it to the OpenAI-compatible test model server. */
export interface WireMessage {
  role: string;
  content?: unknown;
  tool_call_id?: string;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
}

/** The messages of a chat-completions request the test model server received. */
export function messagesOf(request: TestRequest): WireMessage[] {
  return (request.body as { messages?: WireMessage[] }).messages ?? [];
}

/** A message's text: the string itself, or its text parts joined. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  return Array.isArray(content)
    ? content.map((part) => (part as { text?: string }).text ?? "").join("")
    : "";
}
