import { QuireError } from "../errors/index.js";
import type { RenderedMessage, RenderedPart } from "../prompts/prompt-content.js";
import type { ChatMessage, ContentPart, ToolCall } from "./chat-message.js";

/** Dotprompt's role names (it calls the assistant "model") mapped to Quire's. */
const roleByRenderedRole: Record<string, ChatMessage["role"]> = {
  system: "system",
  user: "user",
  model: "assistant",
  assistant: "assistant",
  tool: "tool",
};

function invalid(index: number, message: string): never {
  throw new QuireError("VALIDATION_FAILED", `Rendered message ${index} ${message}`, {
    details: { messageIndex: index },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function contentPart(rendered: RenderedPart, index: number): ContentPart | undefined {
  const part: Record<string, unknown> = rendered;
  if (typeof part.text === "string") return { type: "text", text: part.text };
  if (isRecord(part.media)) {
    const { url, contentType } = part.media;
    if (typeof url !== "string") invalid(index, "has a media part without a url.");
    const mediaType = typeof contentType === "string" ? contentType : undefined;
    const dataType = /^data:([^;,]+)/.exec(url)?.[1];
    const type = mediaType ?? dataType;
    if (type !== undefined && !type.startsWith("image/")) {
      invalid(index, `has media of type ${type}; only images are supported.`);
    }
    return mediaType === undefined ? { type: "image", url } : { type: "image", url, mediaType };
  }
  return undefined;
}

function toolCall(request: unknown, index: number): ToolCall {
  if (!isRecord(request) || typeof request.name !== "string") {
    invalid(index, "has a toolRequest without a name.");
  }
  const input = request.input ?? {};
  if (!isRecord(input))
    invalid(index, `has a toolRequest "${request.name}" whose input is not an object.`);
  const id = typeof request.ref === "string" ? request.ref : request.name;
  return { id, name: request.name, arguments: input };
}

function toolResult(response: unknown, index: number): ChatMessage {
  if (!isRecord(response) || typeof response.name !== "string") {
    invalid(index, "has a toolResponse without a name.");
  }
  const output = response.output;
  const text = typeof output === "string" ? output : JSON.stringify(output ?? null);
  const toolCallId = typeof response.ref === "string" ? response.ref : response.name;
  return { role: "tool", toolCallId, name: response.name, content: [{ type: "text", text }] };
}

/**
 * Converts rendered messages (Dotprompt's shape: text, media, toolRequest and toolResponse
 * parts) into the internal message list. A tool request or response without `ref` is matched
 * by the tool's name. A tool message becomes one internal message per tool response.
 */
export function fromRenderedMessages(messages: RenderedMessage[]): ChatMessage[] {
  const result: ChatMessage[] = [];
  messages.forEach((message, index) => {
    const role = roleByRenderedRole[message.role];
    if (role === undefined) {
      invalid(
        index,
        `has role "${message.role}"; expected system, user, model, assistant or tool.`,
      );
    }
    const content: ContentPart[] = [];
    const toolCalls: ToolCall[] = [];
    const toolResults: ChatMessage[] = [];
    for (const part of message.content) {
      const converted = contentPart(part, index);
      if (converted !== undefined) content.push(converted);
      else if (role === "assistant" && "toolRequest" in part) {
        toolCalls.push(toolCall(part.toolRequest, index));
      } else if (role === "tool" && "toolResponse" in part) {
        toolResults.push(toolResult(part.toolResponse, index));
      } else {
        const keys = Object.keys(part).join(", ") || "no keys";
        invalid(index, `(${message.role}) has a part that cannot be converted (${keys}).`);
      }
    }
    if (role === "tool") {
      if (content.length > 0 || toolResults.length === 0) {
        invalid(index, "is a tool message; its parts must all be toolResponse parts.");
      }
      result.push(...toolResults);
    } else if (role === "assistant" && toolCalls.length > 0) {
      result.push({ role, content, toolCalls });
    } else {
      result.push({ role, content });
    }
  });
  return result;
}
