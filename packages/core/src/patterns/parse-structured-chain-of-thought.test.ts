import { describe, expect, it } from "vitest";
import {
  extractFinalAnswer,
  parseStructuredChainOfThought,
} from "./parse-structured-chain-of-thought.js";

const steps = (...texts: string[]) => texts.map((text, index) => ({ number: index + 1, text }));

describe("parseStructuredChainOfThought", () => {
  it.each([
    ["Step 1: Start with 5.\nStep 2: Add 6.\nAnswer: 11", "label"],
    ["**Step 1:** Start with 5.\n\n**Step 2**: Add 6.\n\n**Answer:** 11", "label"],
    ["1. Start with 5.\n2) Add 6.\n\nFinal answer: 11.", "label"],
    ["- Step 1 - Start with 5.\n- Step 2 — Add 6.\n\n**Final Answer:** **11**", "label"],
    ["Step 1: Start with 5.\nStep 2: Add 6.\n\nTherefore, the answer is 11.", "sentence"],
    ["1. Start with 5.\n2. Add 6.\nSo the final answer is: `11`", "sentence"],
    ["Step 1: Start with 5.\nStep 2: Add 6.\nThe answer is $\\boxed{11}$.", "sentence"],
    ["### Step 1\nStart with 5.\n\n### Step 2\nAdd 6.\n\n### Final answer\n\n11", "label"],
    ["Step 1: Start with 5.\r\nStep 2: Add 6.\r\nANSWER: 11\r\n", "label"],
    ["Step 1: Start with 5.\nStep 2: Add 6.\nSo we get $\\boxed{11}$", "boxed"],
  ])(
    "reads the steps and the answer of %j (a closing line that is no step is no step)",
    (text, marker) => {
      expect(parseStructuredChainOfThought(text)).toEqual({
        found: true,
        steps: steps("Start with 5.", "Add 6."),
        answer: "11",
        answerMarker: marker,
      });
    },
  );

  it("keeps a step's continuation lines and ends it at a blank line", () => {
    const result = parseStructuredChainOfThought(
      "Let me think.\n\nStep 1: Price is\n  3 × 4 = 12\n\nAn aside.\nStep 2: Add tax.\nAnswer: 13",
    );
    expect(result.steps).toEqual([
      { number: 1, text: "Price is\n3 × 4 = 12" },
      { number: 2, text: "Add tax." },
    ]);
  });

  it("does not take a numbered list inside a step for steps", () => {
    const result = parseStructuredChainOfThought(
      "Step 1: Options are:\n1. red\n2. blue\nStep 2: Pick blue.\nAnswer: blue",
    );
    expect(result.steps).toEqual([
      { number: 1, text: "Options are:\n1. red\n2. blue" },
      { number: 2, text: "Pick blue." },
    ]);
  });

  it("keeps the numbers as written and reads a step closing the reasoning", () => {
    const result = parseStructuredChainOfThought("3. Start.\n5. Therefore, the answer is 8.");
    expect(result).toEqual({
      found: true,
      steps: [
        { number: 3, text: "Start." },
        { number: 5, text: "Therefore, the answer is 8." },
      ],
      answer: "8",
      answerMarker: "sentence",
    });
  });

  it("prefers a label line over a sentence, and the last label over earlier ones", () => {
    expect(extractFinalAnswer("The answer is 4.\nAnswer: 5")).toBe("5");
    expect(extractFinalAnswer("Answer: 4\nWait, I made a mistake.\nAnswer: 5")).toBe("5");
    expect(extractFinalAnswer("Answer: 4\nThus, the answer is 5.")).toBe("4");
  });

  it("does not read 'the answer is' in the middle of a sentence", () => {
    const result = parseStructuredChainOfThought("Step 1: Check whether the answer is even.");
    expect(result.found).toBe(false);
  });

  it("keeps a final period that belongs to an abbreviation, and drops a sentence's one", () => {
    expect(extractFinalAnswer("Answer: Washington, D.C.")).toBe("Washington, D.C.");
    expect(extractFinalAnswer("Answer: 3.14.")).toBe("3.14");
    expect(extractFinalAnswer("Answer: *Paris*.")).toBe("Paris");
  });

  it("reads a custom answer label and step label", () => {
    expect(
      parseStructuredChainOfThought("Schritt 1: Rechnen.\nAntwort: 7", {
        stepLabel: "Schritt",
        answerLabel: "Antwort",
      }),
    ).toEqual({ found: true, steps: steps("Rechnen."), answer: "7", answerMarker: "label" });
  });

  it("says clearly when there is no answer", () => {
    expect(parseStructuredChainOfThought("Step 1: Start.\nStep 2: Keep going.")).toEqual({
      found: false,
      steps: steps("Start.", "Keep going."),
      answer: undefined,
      reason:
        'No final answer found: expected a line starting with "Answer:" or "Final answer:", a sentence "The answer is …", or \\boxed{…}.',
    });
    expect(parseStructuredChainOfThought("")).toMatchObject({ found: false, steps: [] });
  });

  it("says when the answer line is empty", () => {
    expect(parseStructuredChainOfThought("Step 1: Start.\nAnswer:")).toEqual({
      found: false,
      steps: steps("Start."),
      answer: undefined,
      reason: "The answer marker on line 2 is followed by no answer.",
    });
  });

  it("stays fast on long runs of blanks and markers (no regular-expression backtracking)", () => {
    const blanks = " \t".repeat(25_000);
    const lines = [
      blanks,
      `**${blanks}x`,
      `Step 1${blanks}x`,
      `Final${blanks}answer${blanks}x`,
      `So.${blanks}the${blanks}answer${blanks}x`,
      `> - ### **${blanks}**`,
      `Answer: **${blanks}`,
      "a.".repeat(25_000),
    ];
    const started = performance.now();
    for (const line of lines) parseStructuredChainOfThought(line);
    // Linear scanning takes a few milliseconds here; a backtracking pattern took minutes.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
