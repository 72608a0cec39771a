import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { conversation, pixel } from "./__fixtures__/conversation.js";
import { toOpenAiChat } from "./to-openai-chat.js";

describe("toOpenAiChat", () => {
  it("writes the documented chat completions messages", () => {
    expect(toOpenAiChat(conversation)).toEqual([
      { role: "system", content: "You are a weather assistant." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is the weather where this photo was taken?" },
          { type: "image_url", image_url: { url: `data:image/png;base64,${pixel}` } },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"temperature":18}' },
      { role: "assistant", content: "It is 18 °C in Paris." },
    ]);
  });

  it("uses the developer role when asked and keeps names", () => {
    const output = toOpenAiChat(
      [
        { role: "system", content: [{ type: "text", text: "Rules." }] },
        { role: "user", name: "ada", content: [{ type: "text", text: "Hi" }] },
      ],
      { systemRole: "developer" },
    );
    expect(output).toEqual([
      { role: "developer", content: "Rules." },
      { role: "user", name: "ada", content: "Hi" },
    ]);
  });

  it("refuses an image in a system message, naming the message", () => {
    const error = thrown(() =>
      toOpenAiChat([
        { role: "user", content: [{ type: "text", text: "a" }] },
        { role: "system", content: [{ type: "image", url: "https://example.com/a.png" }] },
      ]),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain("Message 1");
    expect(error.details).toMatchObject({ messageIndex: 1, format: "openai-chat" });
  });
});
