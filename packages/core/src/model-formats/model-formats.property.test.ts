import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import type { ChatMessage } from "./chat-message.js";
import { modelFormats } from "./model-format-facts.js";
import type { AnthropicContentBlock } from "./to-anthropic-messages.js";
import { toAnthropicMessages } from "./to-anthropic-messages.js";
import type { GeminiPart } from "./to-gemini-contents.js";
import { toModelFormat } from "./to-model-format.js";
import type { OpenAiContentPart } from "./to-openai-chat.js";

type Step = { kind: "system" | "user" | "assistant" | "call" | "result"; texts: string[] };

const stepArbitrary = fc.record({
  kind: fc.constantFrom("system", "user", "assistant", "call", "result"),
  texts: fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 3 }),
}) as fc.Arbitrary<Step>;

/** Builds a conversation in which every tool result answers an earlier call. */
function conversationOf(steps: Step[], withTools: boolean): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const open: string[] = [];
  steps.forEach((step, index) => {
    const content = step.texts.map((text) => ({ type: "text" as const, text }));
    if (step.kind === "system" || step.kind === "user") messages.push({ role: step.kind, content });
    else if (step.kind === "assistant" || !withTools) messages.push({ role: "assistant", content });
    else if (step.kind === "call") {
      const id = `call_${index}`;
      open.push(id);
      messages.push({
        role: "assistant",
        content,
        toolCalls: [{ id, name: `tool_${index}`, arguments: { index } }],
      });
    } else {
      const id = open.shift();
      if (id === undefined) messages.push({ role: "user", content });
      else messages.push({ role: "tool", toolCallId: id, name: `tool_${id.slice(5)}`, content });
    }
  });
  return messages;
}

/** System texts in order, then the others in order: system text moves to its own field. */
function inputTexts(messages: ChatMessage[]): { system: string[]; other: string[] } {
  const texts = (role: "system" | "other") =>
    messages
      .filter((message) => (message.role === "system") === (role === "system"))
      .flatMap((message) =>
        message.content.flatMap((part) => (part.type === "text" ? [part.text] : [])),
      );
  return { system: texts("system"), other: texts("other") };
}

function openAiTexts(content: string | OpenAiContentPart[] | null): string[] {
  if (content === null) return [];
  if (typeof content === "string") return [content];
  return content.flatMap((part) => (part.type === "text" ? [part.text] : []));
}

function anthropicTexts(blocks: AnthropicContentBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === "text") return [block.text];
    if (block.type !== "tool_result") return [];
    if (typeof block.content === "string") return [block.content];
    return block.content.flatMap((part) => (part.type === "text" ? [part.text] : []));
  });
}

function geminiTexts(parts: GeminiPart[]): string[] {
  return parts.flatMap((part) => {
    if ("text" in part) return [part.text];
    if ("functionResponse" in part) return [part.functionResponse.response.content];
    return [];
  });
}

/** True when every text appears in `output`, in order, each after the previous one. */
function appearsInOrder(texts: string[], output: string): boolean {
  let from = 0;
  for (const text of texts) {
    const at = output.indexOf(text, from);
    if (at < 0) return false;
    from = at + text.length;
  }
  return true;
}

describe("model format properties", () => {
  it("Anthropic output starts with a user turn and alternates, or is refused for that reason", () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { maxLength: 12 }), (steps) => {
        const messages = conversationOf(steps, true);
        let output: ReturnType<typeof toAnthropicMessages>;
        try {
          output = toAnthropicMessages(messages);
        } catch (error) {
          if (!isQuireError(error)) throw error;
          const firstTurn = messages.find((message) => message.role !== "system");
          expect(firstTurn === undefined || firstTurn.role === "assistant").toBe(true);
          return;
        }
        expect(output.messages[0]?.role).toBe("user");
        output.messages.forEach((message, index) => {
          if (index > 0) expect(message.role).not.toBe(output.messages[index - 1]?.role);
        });
      }),
    );
  });

  it("no text is lost: every input text appears in every format's output, in order", () => {
    fc.assert(
      fc.property(
        fc.array(stepArbitrary, { maxLength: 10 }),
        fc.constantFrom(...modelFormats),
        (steps, format) => {
          const withTools = format !== "chatml" && format !== "llama3";
          const prefix: Step = { kind: "user", texts: ["start"] };
          const messages = conversationOf([prefix, ...steps], withTools);
          const expected = inputTexts(messages);
          const all = messages
            .flatMap((message) => message.content)
            .flatMap((part) => (part.type === "text" ? [part.text] : []));
          switch (format) {
            case "chatml":
            case "llama3":
              expect(appearsInOrder(all, toModelFormat(messages, format).text)).toBe(true);
              return;
            case "openai-chat": {
              const output = toModelFormat(messages, format).messages;
              expect(output.flatMap((message) => openAiTexts(message.content))).toEqual(all);
              return;
            }
            case "anthropic-messages": {
              const output = toModelFormat(messages, format);
              expect(output.system === undefined).toBe(expected.system.length === 0);
              expect(appearsInOrder(expected.system, output.system ?? "")).toBe(true);
              const texts = output.messages.flatMap((message) => anthropicTexts(message.content));
              expect(texts).toEqual(expected.other);
              return;
            }
            case "gemini-contents": {
              // A tool result's text parts become one functionResponse: compare the joined text.
              const output = toModelFormat(messages, format);
              const system = (output.systemInstruction?.parts ?? []).map((part) => part.text);
              expect(system).toEqual(expected.system);
              const texts = output.contents.flatMap((content) => geminiTexts(content.parts));
              expect(texts.join("")).toBe(expected.other.join(""));
              return;
            }
          }
        },
      ),
    );
  });
});
