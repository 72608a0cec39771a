import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { supportExamples } from "./__fixtures__/support-agent.js";
import { buildFewShotMessages, buildFewShotText, formatFewShotExample } from "./few-shot.js";

/** A golden output in __fixtures__; the files end with a newline, the outputs do not. */
const golden = (fileName: string) =>
  readFileSync(new URL(`./__fixtures__/${fileName}`, import.meta.url), "utf8").replace(/\n$/, "");

const query = "Can I pay by invoice?";
const text = (message: { content: { type: string; text?: string }[] } | undefined) =>
  message?.content.map((part) => part.text).join("");

describe("buildFewShotText", () => {
  it("shows explanations before the output and cues the explanation (golden)", () => {
    expect(buildFewShotText(supportExamples, { query })).toBe(
      golden("few-shot.with-explanations.txt"),
    );
  });

  it("can put explanations after the output, number examples and rename labels (golden)", () => {
    const output = buildFewShotText(supportExamples, {
      explanationPosition: "after-output",
      numbered: true,
      inputLabel: "Customer",
      outputLabel: "Reply",
      query,
    });
    expect(output).toBe(golden("few-shot.explanations-after.txt"));
  });

  it("leaves explanations out when asked and cues the output (golden)", () => {
    expect(buildFewShotText(supportExamples, { explanations: false, query })).toBe(
      golden("few-shot.without-explanations.txt"),
    );
  });

  it("keeps example text exactly, and uses the separator given", () => {
    const code = { input: "  indented\n  code", output: "x\n" };
    expect(formatFewShotExample(code)).toBe("Input:   indented\n  code\nOutput: x\n");
    expect(buildFewShotText([code, code], { separator: "\n---\n" })).toBe(
      "Input:   indented\n  code\nOutput: x\n\n---\nInput:   indented\n  code\nOutput: x\n",
    );
    expect(buildFewShotText([])).toBe("");
    expect(buildFewShotText([], { query: "q" })).toBe("Input: q\nOutput:");
  });

  it("treats a blank explanation as none", () => {
    expect(formatFewShotExample({ input: "a", output: "b", explanation: " " })).toBe(
      "Input: a\nOutput: b",
    );
  });
});

describe("buildFewShotMessages", () => {
  it("alternates user inputs and bare assistant outputs without explanations", () => {
    const messages = buildFewShotMessages(supportExamples, { explanations: false, query });
    expect(messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "user",
    ]);
    expect(messages.map(text)).toEqual([
      supportExamples[0]?.input,
      supportExamples[0]?.output,
      supportExamples[1]?.input,
      supportExamples[1]?.output,
      query,
    ]);
  });

  it("labels every answer when any example shows an explanation", () => {
    const messages = buildFewShotMessages(supportExamples, {
      explanationPosition: "after-output",
    });
    expect(messages.map(text)).toEqual([
      supportExamples[0]?.input,
      `Output: ${supportExamples[0]?.output}\nExplanation: ${supportExamples[0]?.explanation}`,
      supportExamples[1]?.input,
      `Output: ${supportExamples[1]?.output}`,
    ]);
  });
});
