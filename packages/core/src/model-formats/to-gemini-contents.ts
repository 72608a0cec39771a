import { QuireError } from "../errors/index.js";
import type { ChatMessage, ContentPart } from "./chat-message.js";
import { imageSource } from "./image-source.js";
import { refuseImageIn, refuseUnsupported } from "./refuse-unsupported.js";

export type GeminiPart =
  | { text: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType: string; fileUri: string } }
  | { functionCall: { name: string; args: Record<string, unknown> } }
  | { functionResponse: { name: string; response: { content: string } } };

export interface GeminiContent {
  role: "user" | "model";
  parts: GeminiPart[];
}

export interface GeminiContents {
  systemInstruction?: { parts: { text: string }[] };
  contents: GeminiContent[];
}

function part(content: ContentPart, index: number): GeminiPart {
  if (content.type === "text") return { text: content.text };
  const source = imageSource(content, index);
  if (source.kind === "base64")
    return { inlineData: { mimeType: source.mediaType, data: source.data } };
  if (source.mediaType === undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Message ${index} has an image URL without a known media type (${source.url}); Gemini's fileData needs one. Give the media a contentType.`,
      { details: { format: "gemini-contents", messageIndex: index } },
    );
  }
  return { fileData: { mimeType: source.mediaType, fileUri: source.url } };
}

/**
 * The `systemInstruction` and `contents` of a Gemini generateContent request. A tool result
 * becomes a functionResponse part in a user turn, named after the call it answers.
 */
export function toGeminiContents(messages: ChatMessage[]): GeminiContents {
  refuseUnsupported(messages, "gemini-contents");
  refuseImageIn(messages, "gemini-contents", ["system", "tool"]);
  const toolNameById = new Map<string, string>();
  const systemParts: { text: string }[] = [];
  const contents: GeminiContent[] = [];
  const append = (role: GeminiContent["role"], parts: GeminiPart[]) => {
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  messages.forEach((message, index) => {
    switch (message.role) {
      case "system":
        for (const content of message.content) {
          if (content.type === "text") systemParts.push({ text: content.text });
        }
        return;
      case "user":
        append(
          "user",
          message.content.map((content) => part(content, index)),
        );
        return;
      case "assistant": {
        const parts = message.content.map((content) => part(content, index));
        for (const call of message.toolCalls ?? []) {
          toolNameById.set(call.id, call.name);
          parts.push({ functionCall: { name: call.name, args: call.arguments } });
        }
        append("model", parts);
        return;
      }
      case "tool": {
        const name = message.name ?? toolNameById.get(message.toolCallId);
        if (name === undefined) {
          throw new QuireError(
            "VALIDATION_FAILED",
            `Message ${index} is a tool result for call "${message.toolCallId}", which no earlier assistant message made and which has no tool name; Gemini matches results by name. Give the tool message a name.`,
            { details: { format: "gemini-contents", messageIndex: index } },
          );
        }
        const text = message.content
          .map((content) => (content.type === "text" ? content.text : ""))
          .join("");
        append("user", [{ functionResponse: { name, response: { content: text } } }]);
        return;
      }
    }
  });
  return systemParts.length === 0
    ? { contents }
    : { systemInstruction: { parts: systemParts }, contents };
}
