import { QuireError } from "../errors/index.js";
import type { ChatMessage, ContentPart } from "./chat-message.js";
import { imageSource } from "./image-source.js";
import { refuseImageIn, refuseUnsupported } from "./refuse-unsupported.js";

export type AnthropicImageSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "url"; url: string };

export type AnthropicContentBlock =
  | { type: "text"; text: string }
  | { type: "image"; source: AnthropicImageSource }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> }
  | {
      type: "tool_result";
      tool_use_id: string;
      content:
        | string
        | ({ type: "text"; text: string } | { type: "image"; source: AnthropicImageSource })[];
    };

export interface AnthropicMessage {
  role: "user" | "assistant";
  content: AnthropicContentBlock[];
}

export interface AnthropicMessages {
  system?: string;
  messages: AnthropicMessage[];
}

function block(part: ContentPart, index: number) {
  if (part.type === "text") return { type: "text" as const, text: part.text };
  const source = imageSource(part, index);
  if (source.kind === "url")
    return { type: "image" as const, source: { type: "url" as const, url: source.url } };
  return {
    type: "image" as const,
    source: { type: "base64" as const, media_type: source.mediaType, data: source.data },
  };
}

/**
 * The `system` and `messages` of an Anthropic Messages request: system text pulled out and
 * joined by blank lines, tool results sent as user turns, consecutive same-role turns merged.
 */
export function toAnthropicMessages(messages: ChatMessage[]): AnthropicMessages {
  refuseUnsupported(messages, "anthropic-messages");
  refuseImageIn(messages, "anthropic-messages", ["system", "assistant"]);
  const systemTexts: string[] = [];
  const turns: AnthropicMessage[] = [];
  const append = (role: AnthropicMessage["role"], blocks: AnthropicContentBlock[]) => {
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case "system":
        systemTexts.push(
          message.content.map((part) => (part.type === "text" ? part.text : "")).join(""),
        );
        return;
      case "user":
        append(
          "user",
          message.content.map((part) => block(part, index)),
        );
        return;
      case "assistant": {
        const blocks: AnthropicContentBlock[] = message.content.map((part) => block(part, index));
        for (const call of message.toolCalls ?? []) {
          blocks.push({ type: "tool_use", id: call.id, name: call.name, input: call.arguments });
        }
        append("assistant", blocks);
        return;
      }
      case "tool": {
        const [only] = message.content;
        const content =
          message.content.length === 1 && only?.type === "text"
            ? only.text
            : message.content.map((part) => block(part, index));
        append("user", [{ type: "tool_result", tool_use_id: message.toolCallId, content }]);
        return;
      }
    }
  });
  if (turns[0]?.role !== "user") {
    throw new QuireError(
      "VALIDATION_FAILED",
      turns.length === 0
        ? "The Anthropic Messages format needs at least one user message; the prompt has only system messages. Add a user message."
        : "The Anthropic Messages format needs the conversation to start with a user turn, but the first non-system message is an assistant message. Add a user message before it.",
      { details: { format: "anthropic-messages" } },
    );
  }
  return systemTexts.length === 0
    ? { messages: turns }
    : { system: systemTexts.join("\n\n"), messages: turns };
}
