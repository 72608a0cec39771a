import type { ChatMessage, ContentPart, TextPart } from "./chat-message.js";
import { refuseImageIn, refuseUnsupported } from "./refuse-unsupported.js";

export type OpenAiContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string } };

export type OpenAiChatMessage =
  | { role: "system" | "developer"; content: string | OpenAiContentPart[]; name?: string }
  | { role: "user"; content: string | OpenAiContentPart[]; name?: string }
  | {
      role: "assistant";
      content: string | OpenAiContentPart[] | null;
      name?: string;
      tool_calls?: {
        id: string;
        type: "function";
        function: { name: string; arguments: string };
      }[];
    }
  | { role: "tool"; tool_call_id: string; content: string | OpenAiContentPart[] };

export interface OpenAiChatOptions {
  /** `developer` for reasoning models that take instructions under that role; default `system`. */
  systemRole?: "system" | "developer";
}

function parts(content: ContentPart[]): OpenAiContentPart[] {
  return content.map((part) =>
    part.type === "text"
      ? { type: "text", text: part.text }
      : { type: "image_url", image_url: { url: part.url } },
  );
}

/** One text part as a plain string, as OpenAI's own examples write it; otherwise a part list. */
function content(content: ContentPart[]): string | OpenAiContentPart[] {
  const [only] = content;
  return content.length === 1 && only?.type === "text" ? (only as TextPart).text : parts(content);
}

function withName<T extends object>(message: T, name: string | undefined): T {
  return name === undefined ? message : { ...message, name };
}

/** The `messages` array of an OpenAI chat completions request. */
export function toOpenAiChat(
  messages: ChatMessage[],
  options: OpenAiChatOptions = {},
): OpenAiChatMessage[] {
  refuseUnsupported(messages, "openai-chat");
  refuseImageIn(messages, "openai-chat", ["system", "assistant", "tool"]);
  return messages.map((message) => convert(message, options));
}

function convert(message: ChatMessage, options: OpenAiChatOptions): OpenAiChatMessage {
  switch (message.role) {
    case "system":
      return withName(
        { role: options.systemRole ?? "system", content: content(message.content) },
        message.name,
      );
    case "user":
      return withName({ role: "user", content: content(message.content) }, message.name);
    case "assistant": {
      const calls = message.toolCalls ?? [];
      const text = message.content.length === 0 ? null : content(message.content);
      const base: OpenAiChatMessage = { role: "assistant", content: text };
      if (calls.length > 0) {
        base.tool_calls = calls.map((call) => ({
          id: call.id,
          type: "function",
          function: { name: call.name, arguments: JSON.stringify(call.arguments) },
        }));
      }
      return withName(base, message.name);
    }
    case "tool":
      return {
        role: "tool",
        tool_call_id: message.toolCallId,
        content: content(message.content),
      };
  }
}
