import { describe, expect, it } from "vitest";
import { parseStructuredChainOfThought } from "./parse-structured-chain-of-thought.js";
import {
  formatStructuredChainOfThought,
  structuredChainOfThoughtInstructions,
} from "./structured-chain-of-thought.js";

describe("structuredChainOfThoughtInstructions", () => {
  it("asks for numbered steps and one answer line", () => {
    expect(structuredChainOfThoughtInstructions()).toBe(
      [
        "Work through the problem step by step before answering.",
        'Write each step on its own line, numbered "Step 1:", "Step 2:" and so on.',
        'Then write the final answer on one last line as "Answer: <answer>".',
        "Write nothing after that line.",
      ].join("\n"),
    );
  });

  it("names the answer's format, a step limit and custom labels", () => {
    expect(
      structuredChainOfThoughtInstructions({
        answerFormat: "a whole number",
        maxSteps: 5,
        stepLabel: "Schritt",
        answerLabel: "Antwort",
      }),
    ).toBe(
      [
        "Work through the problem step by step before answering.",
        'Write each step on its own line, numbered "Schritt 1:", "Schritt 2:" and so on.',
        "Use at most 5 steps.",
        'Then write the final answer on one last line as "Antwort: <answer>", where <answer> is a whole number.',
        "Write nothing after that line.",
      ].join("\n"),
    );
  });
});

describe("formatStructuredChainOfThought", () => {
  it("writes the format the instructions ask for, and the parser reads it back", () => {
    const text = formatStructuredChainOfThought(["Add 2 and 3.", "Double it."], "10", {
      stepLabel: "Schritt",
      answerLabel: "Antwort",
    });
    expect(text).toBe("Schritt 1: Add 2 and 3.\nSchritt 2: Double it.\nAntwort: 10");
    expect(
      parseStructuredChainOfThought(text, { stepLabel: "Schritt", answerLabel: "Antwort" }),
    ).toEqual({
      found: true,
      steps: [
        { number: 1, text: "Add 2 and 3." },
        { number: 2, text: "Double it." },
      ],
      answer: "10",
      answerMarker: "label",
    });
  });
});
