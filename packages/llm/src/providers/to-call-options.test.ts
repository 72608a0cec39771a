import type { GenerateRequest } from "@quire/core";
import { describe, expect, test } from "vitest";
import { withStablePrefix } from "./quire-provider-options.js";
import { toCallOptions } from "./to-call-options.js";

const conversation: GenerateRequest = {
  messages: [
    {
      role: "system",
      content: [
        { type: "text", text: "Be " },
        { type: "text", text: "brief." },
      ],
    },
    {
      role: "user",
      content: [
        { type: "text", text: "What is this?" },
        { type: "image", url: "data:image/png;base64,iVBORw0KGgo=" },
        { type: "image", url: "https://example.com/cat.jpg", mediaType: "image/jpeg" },
      ],
    },
    {
      role: "assistant",
      content: [],
      toolCalls: [{ id: "call_1", name: "lookup", arguments: { q: "cat" } }],
    },
    { role: "tool", toolCallId: "call_1", content: [{ type: "text", text: "a cat" }] },
  ],
  temperature: 0.2,
  maxOutputTokens: 50,
  stopSequences: ["END"],
  seed: 7,
  tools: [{ name: "lookup", description: "Looks up.", parameters: { type: "object" } }],
  toolChoice: { name: "lookup" },
  responseFormat: { type: "json", schema: { type: "object" }, name: "answer" },
  providerOptions: { openai: { user: "u1" } },
};

describe("toCallOptions", () => {
  test("maps messages, parameters, tools and the response format", () => {
    const options = toCallOptions(conversation, "openai-compatible");
    expect(options.prompt).toEqual([
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "file", mediaType: "image/png", data: "iVBORw0KGgo=" },
          { type: "file", mediaType: "image/jpeg", data: new URL("https://example.com/cat.jpg") },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "call_1", toolName: "lookup", input: { q: "cat" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_1",
            toolName: "lookup",
            output: { type: "text", value: "a cat" },
          },
        ],
      },
    ]);
    expect(options).toMatchObject({
      temperature: 0.2,
      maxOutputTokens: 50,
      stopSequences: ["END"],
      seed: 7,
      tools: [
        {
          type: "function",
          name: "lookup",
          description: "Looks up.",
          inputSchema: { type: "object" },
        },
      ],
      toolChoice: { type: "tool", toolName: "lookup" },
      responseFormat: { type: "json", schema: { type: "object" }, name: "answer" },
      providerOptions: { openai: { user: "u1" } },
    });
    expect(options.topP).toBeUndefined();
  });

  test("log-probabilities are asked of OpenAI only", () => {
    expect(toCallOptions({ ...conversation, logprobs: true }, "openai").providerOptions).toEqual({
      openai: { user: "u1", logprobs: true },
    });
    expect(toCallOptions({ ...conversation, logprobs: true }, "anthropic").providerOptions).toEqual(
      {
        openai: { user: "u1" },
      },
    );
  });

  test("a stable prefix marks Anthropic's cache breakpoint and is not sent on", () => {
    const marked = withStablePrefix(conversation, 2);
    const anthropic = toCallOptions(marked, "anthropic");
    expect(anthropic.prompt[1]?.providerOptions).toEqual({
      anthropic: { cacheControl: { type: "ephemeral" } },
    });
    expect(anthropic.prompt[0]?.providerOptions).toBeUndefined();
    expect(anthropic.providerOptions).toEqual({ openai: { user: "u1" } });
    const openai = toCallOptions(marked, "openai");
    expect(openai.prompt.every((message) => message.providerOptions === undefined)).toBe(true);
  });

  test("images where they cannot go, and unreadable image URLs, are refused by message", () => {
    const image = { type: "image" as const, url: "data:image/png;base64,AA==" };
    expect(() =>
      toCallOptions({ messages: [{ role: "system", content: [image] }] }, "openai"),
    ).toThrow("Message 0 (system) has an image");
    expect(() =>
      toCallOptions(
        { messages: [{ role: "user", content: [{ type: "image", url: "not a url" }] }] },
        "openai",
      ),
    ).toThrow("Message 0 has an image whose url is neither");
  });
});
