import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { conversation, pixel } from "./__fixtures__/conversation.js";
import { toAnthropicMessages } from "./to-anthropic-messages.js";

describe("toAnthropicMessages", () => {
  it("writes the documented Messages request: system apart, tool_use and tool_result blocks", () => {
    expect(toAnthropicMessages(conversation)).toEqual({
      system: "You are a weather assistant.",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is the weather where this photo was taken?" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: pixel } },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        {
          role: "user",
          content: [{ type: "tool_result", tool_use_id: "call_1", content: '{"temperature":18}' }],
        },
        { role: "assistant", content: [{ type: "text", text: "It is 18 °C in Paris." }] },
      ],
    });
  });

  it("joins system messages, merges consecutive user turns and writes URL images", () => {
    const output = toAnthropicMessages([
      { role: "system", content: [{ type: "text", text: "One." }] },
      { role: "user", content: [{ type: "text", text: "a" }] },
      { role: "system", content: [{ type: "text", text: "Two." }] },
      { role: "user", content: [{ type: "image", url: "https://example.com/cat.jpg" }] },
    ]);
    expect(output).toEqual({
      system: "One.\n\nTwo.",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "a" },
            { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
          ],
        },
      ],
    });
  });

  it("refuses a conversation that starts with the assistant or has no turns", () => {
    const first = thrown(() =>
      toAnthropicMessages([{ role: "assistant", content: [{ type: "text", text: "Hi" }] }]),
    );
    expect(first.code).toBe("VALIDATION_FAILED");
    expect(first.message).toContain("start with a user turn");
    const empty = thrown(() =>
      toAnthropicMessages([{ role: "system", content: [{ type: "text", text: "Rules" }] }]),
    );
    expect(empty.message).toContain("at least one user message");
  });

  it("refuses a name, which Anthropic cannot carry", () => {
    const error = thrown(() =>
      toAnthropicMessages([{ role: "user", name: "ada", content: [{ type: "text", text: "x" }] }]),
    );
    expect(error.details).toMatchObject({ messageIndex: 0, format: "anthropic-messages" });
  });
});
