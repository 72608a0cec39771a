import type {
  LanguageModelV3FilePart,
  LanguageModelV3Prompt,
  LanguageModelV3TextPart,
  SharedV3ProviderOptions,
} from "@ai-sdk/provider";
import { type ChatMessage, type ContentPart, QuireError } from "@quire/core";

const dataUrlPattern = /^data:([^;,]+);base64,(.*)$/s;

/**
 * Core's message list as the AI SDK's provider prompt. System text parts are joined; images
 * become file parts (a data URL as base64, anything else as a URL); tool results are text and
 * take their tool's name from the assistant call they answer. `name` on a message has no place in
 * the SDK's prompt and is dropped. `cacheBreakpoint`, when given, marks the last message of a
 * stable prefix for the provider's prompt cache (Anthropic's `cache_control`).
 */
export function toProviderPrompt(
  messages: readonly ChatMessage[],
  options: { cacheBreakpoint?: number } = {},
): LanguageModelV3Prompt {
  const toolNames = new Map<string, string>();
  return messages.map((message, index) => convert(message, index, toolNames, options));
}

function convert(
  message: ChatMessage,
  index: number,
  toolNames: Map<string, string>,
  options: { cacheBreakpoint?: number },
): LanguageModelV3Prompt[number] {
  const providerOptions: SharedV3ProviderOptions | undefined =
    options.cacheBreakpoint === index
      ? { anthropic: { cacheControl: { type: "ephemeral" } } }
      : undefined;
  const extra = providerOptions === undefined ? {} : { providerOptions };
  switch (message.role) {
    case "system":
      refuseImages(message.content, index, "system");
      return { role: "system", content: textOf(message.content), ...extra };
    case "user":
      return { role: "user", content: parts(message.content, index), ...extra };
    case "assistant": {
      const calls = message.toolCalls ?? [];
      for (const call of calls) toolNames.set(call.id, call.name);
      return {
        role: "assistant",
        content: [
          ...parts(message.content, index),
          ...calls.map((call) => ({
            type: "tool-call" as const,
            toolCallId: call.id,
            toolName: call.name,
            input: call.arguments,
          })),
        ],
        ...extra,
      };
    }
    case "tool":
      refuseImages(message.content, index, "tool");
      return {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: message.toolCallId,
            toolName: message.name ?? toolNames.get(message.toolCallId) ?? "",
            output: { type: "text", value: textOf(message.content) },
          },
        ],
        ...extra,
      };
  }
}

function textOf(content: readonly ContentPart[]): string {
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function parts(
  content: readonly ContentPart[],
  index: number,
): (LanguageModelV3TextPart | LanguageModelV3FilePart)[] {
  return content.map((part) => {
    if (part.type === "text") return { type: "text", text: part.text };
    const match = dataUrlPattern.exec(part.url);
    if (match !== null) {
      return { type: "file", mediaType: part.mediaType ?? match[1]!, data: match[2]! };
    }
    let url: URL;
    try {
      url = new URL(part.url);
    } catch {
      throw new QuireError(
        "VALIDATION_FAILED",
        `Message ${index} has an image whose url is neither a URL nor a base64 data URL: ${JSON.stringify(part.url.slice(0, 80))}.`,
        { details: { messageIndex: index } },
      );
    }
    return { type: "file", mediaType: part.mediaType ?? "image/*", data: url };
  });
}

function refuseImages(content: readonly ContentPart[], index: number, role: string): void {
  if (content.some((part) => part.type === "image")) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Message ${index} (${role}) has an image; only user and assistant messages may carry images.`,
      { details: { messageIndex: index, role } },
    );
  }
}
