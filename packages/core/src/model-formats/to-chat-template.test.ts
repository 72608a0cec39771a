import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { conversation, textConversation } from "./__fixtures__/conversation.js";
import { toChatMl, toLlama3 } from "./to-chat-template.js";

describe("toChatMl", () => {
  it("writes ChatML turns and the assistant generation prompt", () => {
    expect(toChatMl(textConversation)).toBe(
      "<|im_start|>system\nYou are terse.<|im_end|>\n" +
        "<|im_start|>user\nHi<|im_end|>\n" +
        "<|im_start|>assistant\nHello.<|im_end|>\n" +
        "<|im_start|>user\nCapital of France?<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
  });

  it("leaves the generation prompt out when asked", () => {
    expect(toChatMl(textConversation.slice(0, 1), { addGenerationPrompt: false })).toBe(
      "<|im_start|>system\nYou are terse.<|im_end|>\n",
    );
  });

  it("refuses an image, naming the message", () => {
    const error = thrown(() => toChatMl(conversation));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain("Message 1 has an image");
  });
});

describe("toLlama3", () => {
  it("writes Llama 3 header turns and ends with the assistant header", () => {
    expect(toLlama3(textConversation)).toBe(
      "<|begin_of_text|>" +
        "<|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|>" +
        "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>" +
        "<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>" +
        "<|start_header_id|>user<|end_header_id|>\n\nCapital of France?<|eot_id|>" +
        "<|start_header_id|>assistant<|end_header_id|>\n\n",
    );
  });

  it("refuses tool calls and tool results", () => {
    const calls = thrown(() => toLlama3(conversation.slice(2, 3)));
    expect(calls.message).toContain("Message 0 has tool calls");
    const results = thrown(() => toLlama3(conversation.slice(3, 4)));
    expect(results.message).toContain("Message 0 has a tool result");
  });
});
