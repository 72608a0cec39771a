import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { arithmeticExamples } from "./__fixtures__/support-agent.js";
import {
  fewShotChainOfThought,
  fewShotChainOfThoughtMessages,
  reasonedAnswer,
  zeroShotChainOfThought,
  zeroShotChainOfThoughtMessages,
} from "./chain-of-thought.js";
import { extractFinalAnswer } from "./parse-structured-chain-of-thought.js";

/** A golden output in __fixtures__; the files end with a newline, the outputs do not. */
const golden = (fileName: string) =>
  readFileSync(new URL(`./__fixtures__/${fileName}`, import.meta.url), "utf8").replace(/\n$/, "");

const question =
  "The cafeteria had 23 apples. It used 20 and bought 6 more. How many apples does it have?";

describe("zero-shot chain-of-thought", () => {
  it("ends the answer with the trigger phrase", () => {
    expect(zeroShotChainOfThought("What is 17 × 3?")).toBe(
      "Q: What is 17 × 3?\nA: Let's think step by step.",
    );
    expect(
      zeroShotChainOfThought("2+2?", {
        trigger: "Let's work this out in a step by step way to be sure we have the right answer.",
        questionLabel: "Question",
        answerLabel: "Answer",
      }),
    ).toBe(
      "Question: 2+2?\nAnswer: Let's work this out in a step by step way to be sure we have the right answer.",
    );
  });

  it("puts the trigger after the question in a chat message", () => {
    expect(zeroShotChainOfThoughtMessages("What is 17 × 3?")).toEqual([
      {
        role: "user",
        content: [{ type: "text", text: "What is 17 × 3?\n\nLet's think step by step." }],
      },
    ]);
  });
});

describe("few-shot chain-of-thought", () => {
  it("answers each example with its reasoning and leaves the last answer open (golden)", () => {
    expect(fewShotChainOfThought(arithmeticExamples, question)).toBe(
      golden("chain-of-thought.few-shot.txt"),
    );
  });

  it("gives the same reasoning as chat turns", () => {
    const messages = fewShotChainOfThoughtMessages(arithmeticExamples, question);
    expect(messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
    ]);
    expect(messages[1]?.content).toEqual([
      {
        type: "text",
        text: "Roger started with 5 balls. 2 cans of 3 balls each is 6 balls. 5 + 6 = 11. The answer is 11.",
      },
    ]);
  });

  it("writes answers the structured parser reads back", () => {
    for (const example of arithmeticExamples) {
      expect(extractFinalAnswer(reasonedAnswer(example))).toBe(example.answer.replace(/\.$/, ""));
    }
    expect(reasonedAnswer({ question: "q", reasoning: " ", answer: "Yes!" })).toBe(
      "The answer is Yes!",
    );
  });
});
