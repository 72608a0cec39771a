import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { fromRenderedMessages } from "./from-rendered-messages.js";

describe("fromRenderedMessages", () => {
  it("converts Dotprompt's roles, text, media, tool requests and tool responses", () => {
    const messages = fromRenderedMessages([
      { role: "system", content: [{ text: "Be brief." }] },
      {
        role: "user",
        content: [
          { text: "Look:" },
          { media: { url: "https://example.com/a.png", contentType: "image/png" } },
          { media: { url: "data:image/gif;base64,R0lG" } },
        ],
      },
      {
        role: "model",
        content: [{ toolRequest: { name: "search", ref: "r1", input: { q: "x" } } }],
      },
      {
        role: "tool",
        content: [{ toolResponse: { name: "search", ref: "r1", output: { hits: 2 } } }],
      },
      { role: "model", content: [{ text: "Two hits." }] },
    ]);
    expect(messages).toEqual([
      { role: "system", content: [{ type: "text", text: "Be brief." }] },
      {
        role: "user",
        content: [
          { type: "text", text: "Look:" },
          { type: "image", url: "https://example.com/a.png", mediaType: "image/png" },
          { type: "image", url: "data:image/gif;base64,R0lG" },
        ],
      },
      {
        role: "assistant",
        content: [],
        toolCalls: [{ id: "r1", name: "search", arguments: { q: "x" } }],
      },
      {
        role: "tool",
        toolCallId: "r1",
        name: "search",
        content: [{ type: "text", text: '{"hits":2}' }],
      },
      { role: "assistant", content: [{ type: "text", text: "Two hits." }] },
    ]);
  });

  it("matches a tool request and response without ref by the tool's name", () => {
    const messages = fromRenderedMessages([
      { role: "model", content: [{ toolRequest: { name: "now" } }] },
      { role: "tool", content: [{ toolResponse: { name: "now", output: "noon" } }] },
    ]);
    expect(messages).toEqual([
      { role: "assistant", content: [], toolCalls: [{ id: "now", name: "now", arguments: {} }] },
      { role: "tool", toolCallId: "now", name: "now", content: [{ type: "text", text: "noon" }] },
    ]);
  });

  it("refuses unknown roles, non-image media and parts it cannot convert, naming the message", () => {
    expect(
      thrown(() => fromRenderedMessages([{ role: "narrator", content: [] }])).message,
    ).toContain('role "narrator"');
    const audio = thrown(() =>
      fromRenderedMessages([
        { role: "user", content: [{ text: "a" }] },
        {
          role: "user",
          content: [{ media: { url: "https://x.test/a.mp3", contentType: "audio/mpeg" } }],
        },
      ]),
    );
    expect(audio.details).toMatchObject({ messageIndex: 1 });
    expect(audio.message).toContain("audio/mpeg");
    const odd = thrown(() =>
      fromRenderedMessages([{ role: "user", content: [{ toolRequest: {} }] }]),
    );
    expect(odd.message).toContain("toolRequest");
  });
});
