import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { conversation, pixel } from "./__fixtures__/conversation.js";
import { toGeminiContents } from "./to-gemini-contents.js";

describe("toGeminiContents", () => {
  it("writes the documented generateContent body: systemInstruction, user/model contents", () => {
    expect(toGeminiContents(conversation)).toEqual({
      systemInstruction: { parts: [{ text: "You are a weather assistant." }] },
      contents: [
        {
          role: "user",
          parts: [
            { text: "What is the weather where this photo was taken?" },
            { inlineData: { mimeType: "image/png", data: pixel } },
          ],
        },
        {
          role: "model",
          parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }],
        },
        {
          role: "user",
          parts: [
            {
              functionResponse: {
                name: "get_weather",
                response: { content: '{"temperature":18}' },
              },
            },
          ],
        },
        { role: "model", parts: [{ text: "It is 18 °C in Paris." }] },
      ],
    });
  });

  it("writes URL images as fileData and names a tool result from its call", () => {
    const output = toGeminiContents([
      { role: "user", content: [{ type: "image", url: "https://example.com/a.webp" }] },
      {
        role: "assistant",
        content: [],
        toolCalls: [{ id: "c", name: "look", arguments: {} }],
      },
      { role: "tool", toolCallId: "c", content: [{ type: "text", text: "ok" }] },
    ]);
    expect(output.contents).toEqual([
      {
        role: "user",
        parts: [{ fileData: { mimeType: "image/webp", fileUri: "https://example.com/a.webp" } }],
      },
      { role: "model", parts: [{ functionCall: { name: "look", args: {} } }] },
      {
        role: "user",
        parts: [{ functionResponse: { name: "look", response: { content: "ok" } } }],
      },
    ]);
  });

  it("refuses a URL image without a media type and a tool result without a known tool", () => {
    const image = thrown(() =>
      toGeminiContents([{ role: "user", content: [{ type: "image", url: "https://x.test/img" }] }]),
    );
    expect(image.message).toContain("Message 0");
    const tool = thrown(() =>
      toGeminiContents([
        { role: "tool", toolCallId: "nope", content: [{ type: "text", text: "" }] },
      ]),
    );
    expect(tool.message).toContain('"nope"');
  });
});
