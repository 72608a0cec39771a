import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStructuredChainOfThought } from "./parse-structured-chain-of-thought.js";

const word = fc.constantFrom(
  "add",
  "the",
  "total",
  "is",
  "12",
  "apples",
  "x",
  "=",
  "+",
  "then",
  "ÿ",
  "3.5",
);
const stepText = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([words, period]) => `${words.join(" ")}${period ? "." : ""}`);
const answer = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }).map(String),
  fc.constantFrom("B", "blue whale", "x = 3", "3.5", "Paris", "(a) 12", "-7/2"),
);

const stepStyles: ((number: number, text: string) => string)[] = [
  (number, text) => `Step ${number}: ${text}`,
  (number, text) => `${number}. ${text}`,
  (number, text) => `${number}) ${text}`,
  (number, text) => `**Step ${number}:** ${text}`,
  (number, text) => `**Step ${number}**: ${text}`,
  (number, text) => `- Step ${number}: ${text}`,
  (number, text) => `step ${number} - ${text}`,
  (number, text) => `### Step ${number}\n${text}`,
];
const answerStyles: ((answer: string) => string)[] = [
  (value) => `Answer: ${value}`,
  (value) => `**Answer:** ${value}`,
  (value) => `**Answer**: ${value}`,
  (value) => `Final answer: ${value}`,
  (value) => `Final Answer: ${value}.`,
  (value) => `Therefore, the answer is ${value}.`,
  (value) => `So the answer is **${value}**.`,
  (value) => `The final answer is ${value}`,
  (value) => `### Final answer\n\n${value}`,
  (value) => `Answer: $\\boxed{${value}}$`,
];

const reasoning = fc.record({
  preamble: fc.constantFrom("", "Let's solve this.\n\n", "Sure!\n"),
  steps: fc.array(stepText, { minLength: 0, maxLength: 6 }),
  stepStyle: fc.nat({ max: stepStyles.length - 1 }),
  lineBreak: fc.constantFrom("\n", "\n\n", "\r\n"),
  answer,
  answerStyle: fc.nat({ max: answerStyles.length - 1 }),
});

describe("parseStructuredChainOfThought properties", () => {
  it("reads back every step and the answer, whatever common style wrote them", () => {
    fc.assert(
      fc.property(reasoning, (value) => {
        const style = stepStyles[value.stepStyle] ?? stepStyles[0]!;
        const lines = value.steps.map((text, index) => style(index + 1, text));
        const writeAnswer = answerStyles[value.answerStyle] ?? answerStyles[0]!;
        lines.push(writeAnswer(value.answer));
        const text = value.preamble + lines.join(value.lineBreak).replaceAll("\n", value.lineBreak);
        const result = parseStructuredChainOfThought(text);
        expect(result.found).toBe(true);
        expect(result.answer).toBe(value.answer);
        expect(result.steps).toEqual(
          value.steps.map((stepText, index) => ({ number: index + 1, text: stepText })),
        );
      }),
    );
  });

  it("reports no answer, with every step, when the reasoning has no answer marker", () => {
    fc.assert(
      fc.property(reasoning, (value) => {
        const style = stepStyles[value.stepStyle] ?? stepStyles[0]!;
        const text = value.steps.map((stepText, index) => style(index + 1, stepText)).join("\n");
        const result = parseStructuredChainOfThought(text);
        expect(result.found).toBe(false);
        expect(result.found === false && result.reason).toMatch(/^No final answer found/);
        expect(result.steps.map((step) => step.text)).toEqual(value.steps);
      }),
    );
  });

  it("never throws, and what it returns is well formed", () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "Step 1:",
        "1.",
        "**Answer:**",
        "Answer:",
        "the answer is",
        "\\boxed{",
        "}",
        "###",
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const result = parseStructuredChainOfThought(lines.join("\n"));
        if (result.found) {
          expect(result.answer).not.toBe("");
          expect(result.answer).toBe(result.answer.trim());
        } else {
          expect(result.reason.length).toBeGreaterThan(0);
        }
        for (const step of result.steps) {
          expect(Number.isInteger(step.number)).toBe(true);
          expect(step.text).toBe(step.text.trim());
        }
      }),
    );
  });
});
