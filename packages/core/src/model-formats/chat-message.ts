/** Quire's one internal message list, the source every model format adapter reads from. */

export const chatRoles = ["system", "user", "assistant", "tool"] as const;
export type ChatRole = (typeof chatRoles)[number];

export interface TextPart {
  type: "text";
  text: string;
}

/** An image by address: an `https:` URL or a `data:<media type>;base64,<data>` URL. */
export interface ImagePart {
  type: "image";
  url: string;
  /** The image's media type (`image/png`), when known. */
  mediaType?: string;
}

export type ContentPart = TextPart | ImagePart;

/** A call the assistant asks for; `arguments` is the parsed JSON object of its arguments. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export interface SystemMessage {
  role: "system";
  content: ContentPart[];
  name?: string;
}

export interface UserMessage {
  role: "user";
  content: ContentPart[];
  name?: string;
}

export interface AssistantMessage {
  role: "assistant";
  content: ContentPart[];
  name?: string;
  toolCalls?: ToolCall[];
}

/** The result of one tool call; `name` is the tool's name, when known. */
export interface ToolMessage {
  role: "tool";
  toolCallId: string;
  content: ContentPart[];
  name?: string;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
