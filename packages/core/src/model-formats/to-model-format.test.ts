import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { textConversation } from "./__fixtures__/conversation.js";
import { modelFormats } from "./model-format-facts.js";
import { toModelFormat } from "./to-model-format.js";

describe("toModelFormat", () => {
  it("dispatches to each format", () => {
    expect(toModelFormat(textConversation, "chatml").text).toContain("<|im_start|>user\nHi");
    expect(toModelFormat(textConversation, "llama3").text.startsWith("<|begin_of_text|>")).toBe(
      true,
    );
    expect(toModelFormat(textConversation, "openai-chat").messages).toHaveLength(4);
    expect(toModelFormat(textConversation, "anthropic-messages").system).toBe("You are terse.");
    expect(toModelFormat(textConversation, "gemini-contents").contents).toHaveLength(3);
  });

  it("refuses an unknown format, listing the known ones", () => {
    const error = thrown(() => toModelFormat(textConversation, "mistral"));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain('"mistral"');
    for (const format of modelFormats) expect(error.message).toContain(format);
    expect(error.details).toMatchObject({ knownFormats: [...modelFormats] });
  });
});
