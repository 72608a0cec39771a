import type { ChatMessage } from "../chat-message.js";

/** A one-pixel PNG, base64. */
export const pixel =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/** System, user with an image, assistant with a tool call, tool result, assistant answer. */
export const conversation: ChatMessage[] = [
  { role: "system", content: [{ type: "text", text: "You are a weather assistant." }] },
  {
    role: "user",
    content: [
      { type: "text", text: "What is the weather where this photo was taken?" },
      { type: "image", url: `data:image/png;base64,${pixel}` },
    ],
  },
  {
    role: "assistant",
    content: [],
    toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
  },
  {
    role: "tool",
    toolCallId: "call_1",
    name: "get_weather",
    content: [{ type: "text", text: '{"temperature":18}' }],
  },
  { role: "assistant", content: [{ type: "text", text: "It is 18 °C in Paris." }] },
];

/** The same conversation in text only, for the plain-text chat templates. */
export const textConversation: ChatMessage[] = [
  { role: "system", content: [{ type: "text", text: "You are terse." }] },
  { role: "user", content: [{ type: "text", text: "Hi" }] },
  { role: "assistant", content: [{ type: "text", text: "Hello." }] },
  { role: "user", content: [{ type: "text", text: "Capital of France?" }] },
];
