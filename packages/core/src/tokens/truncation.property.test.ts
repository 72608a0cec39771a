import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import { getTokenizer, type Tokenizer } from "./tokenizer.js";
import { truncateComponents } from "./truncate-components.js";
import { truncateHistory } from "./truncate-history.js";
import { omissionMarker, truncateMiddle } from "./truncate-middle.js";

let exact: Tokenizer;
let estimate: Tokenizer;
beforeAll(async () => {
  exact = await getTokenizer({ model: "gpt-4o" });
  estimate = await getTokenizer({ model: "claude-sonnet-4" });
});

const words = fc.array(
  fc.oneof(
    fc.constantFrom(
      "the",
      "token",
      "{",
      "}",
      '"key":',
      "\n",
      "  ",
      "🚀",
      "ü",
      "function",
      "42",
      ".",
    ),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: "grapheme", maxLength: 4 }),
  ),
  { maxLength: 120 },
);
const text = words.map((parts) => parts.join(" "));
const message = fc.record({ role: fc.constantFrom("system", "user", "assistant"), content: text });

describe("truncateHistory", () => {
  it("never exceeds the budget, keeps every system message and the order", () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 12 }),
        fc.nat(600),
        fc.boolean(),
        (messages, budget, useEstimate) => {
          const tokenizer = useEstimate ? estimate : exact;
          let result: ReturnType<typeof truncateHistory>;
          try {
            result = truncateHistory(messages, { budget, tokenizer });
          } catch (error) {
            // Only allowed when the system messages alone are over the budget.
            expect(isQuireError(error) && error.code).toBe("BAD_REQUEST");
            const systems = messages.filter((each) => each.role === "system");
            expect(tokenizer.countMessages(systems)).toBeGreaterThan(budget);
            return;
          }
          expect(tokenizer.countMessages(result.messages)).toBe(result.tokens);
          expect(result.tokens).toBeLessThanOrEqual(budget);
          const systems = messages.filter((each) => each.role === "system");
          expect(result.messages.filter((each) => each.role === "system")).toEqual(systems);
          // The kept messages are a subsequence, and only the oldest non-system ones went.
          const droppedOthers = messages.filter((each) => !result.messages.includes(each));
          expect(droppedOthers.every((each) => each.role !== "system")).toBe(true);
          const others = messages.filter((each) => each.role !== "system");
          expect(others.slice(0, droppedOthers.length)).toEqual(droppedOthers);
          if (tokenizer.countMessages(messages) <= budget)
            expect(result.messages).toEqual(messages);
        },
      ),
    );
  });

  it("drops the oldest turns of a long chat", () => {
    const chat = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "first question ".repeat(20) },
      { role: "assistant", content: "first answer ".repeat(20) },
      { role: "user", content: "last question" },
    ];
    const result = truncateHistory(chat, { budget: 40, tokenizer: exact });
    expect(result.messages.map((each) => each.content)).toEqual(["Be brief.", "last question"]);
    expect(result.dropped).toBe(2);
  });
});

describe("truncateMiddle", () => {
  it("never exceeds the budget and returns a fitting text unchanged", () => {
    fc.assert(
      fc.property(text, fc.nat(200), fc.boolean(), (input, budget, useEstimate) => {
        const tokenizer = useEstimate ? estimate : exact;
        const result = truncateMiddle(input, { budget, tokenizer });
        expect(tokenizer.count(result.text)).toBeLessThanOrEqual(budget);
        if (tokenizer.count(input) <= budget) {
          expect(result).toEqual({ text: input, omittedTokens: 0, truncated: false });
        } else {
          expect(result.truncated).toBe(true);
          expect(result.omittedTokens).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("keeps the start and the end around a visible marker", () => {
    const long = `START ${"filler words here ".repeat(500)} END`;
    const result = truncateMiddle(long, { budget: 100, tokenizer: exact });
    expect(result.text.startsWith("START filler")).toBe(true);
    expect(result.text.endsWith("here  END")).toBe(true);
    expect(result.text).toContain(omissionMarker(result.omittedTokens));
    expect(exact.count(result.text)).toBeGreaterThan(80);
    expect(omissionMarker(1234)).toBe("\n[… 1,234 tokens omitted …]\n");
  });

  it("gives the empty text when even the marker does not fit", () => {
    expect(truncateMiddle("many words ".repeat(50), { budget: 3, tokenizer: exact })).toMatchObject(
      {
        text: "",
        truncated: true,
      },
    );
  });
});

describe("truncateComponents", () => {
  it("fits every part into its own budget", () => {
    fc.assert(
      fc.property(
        text,
        text,
        fc.nat(80),
        fc.nat(80),
        (context, examples, contextBudget, examplesBudget) => {
          const result = truncateComponents(
            {
              context: { text: context, budget: contextBudget },
              examples: { text: examples, budget: examplesBudget },
            },
            { tokenizer: exact },
          );
          expect(exact.count(result.context.text)).toBeLessThanOrEqual(contextBudget);
          expect(exact.count(result.examples.text)).toBeLessThanOrEqual(examplesBudget);
          if (exact.count(context) <= contextBudget) expect(result.context.text).toBe(context);
        },
      ),
    );
  });
});
