import { describe, expect, it } from "vitest";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";
import { refusalPhraseFound } from "./refusal-phrases.js";

async function check(spec: AssertionSpec, output: string) {
  const { results } = await evaluateAssertions([spec], { output, variables: {} });
  const [result] = results;
  if (result === undefined) throw new Error("no result");
  return result;
}

describe("regex", () => {
  it("matches with flags and fails without a match", async () => {
    expect((await check({ type: "regex", value: "^order #\\d+$" }, "order #123")).pass).toBe(true);
    expect((await check({ type: "regex", value: "^ORDER" }, "order #123")).pass).toBe(false);
    expect(
      (await check({ type: "regex", value: "^ORDER", options: { flags: "i" } }, "order #123")).pass,
    ).toBe(true);
  });

  it("keeps braces in the pattern as regex syntax (no variable substitution)", async () => {
    expect((await check({ type: "regex", value: "^a{2}$" }, "aa")).pass).toBe(true);
  });

  it("reports a pattern that does not compile as errored", async () => {
    const result = await check({ type: "regex", value: "(" }, "x");
    expect(result).toMatchObject({ pass: false, errored: true });
  });
});

describe("word-count", () => {
  it("takes an exact number or a {min, max} range", async () => {
    expect((await check({ type: "word-count", value: 3 }, " one two  three ")).pass).toBe(true);
    const wrong = await check({ type: "word-count", value: 3 }, "one two");
    expect(wrong).toMatchObject({ pass: false });
    expect(wrong.reason).toBe("expected exactly 3 words; the output has 2");
    expect((await check({ type: "word-count", value: { min: 2, max: 4 } }, "a b c")).pass).toBe(
      true,
    );
    expect((await check({ type: "word-count", value: { max: 2 } }, "a b c")).pass).toBe(false);
    expect((await check({ type: "word-count", value: { min: 1 } }, "")).pass).toBe(false);
  });
});

describe("is-refusal", () => {
  it("finds refusal phrases, curly apostrophes included, and treats empty output as a refusal", async () => {
    expect(
      (await check({ type: "is-refusal" }, "I’m sorry, but I can’t help with that.")).pass,
    ).toBe(true);
    expect((await check({ type: "is-refusal" }, "As an AI, I cannot do this")).pass).toBe(true);
    expect((await check({ type: "is-refusal" }, "   ")).pass).toBe(true);
    expect((await check({ type: "is-refusal" }, "Paris is the capital of France.")).pass).toBe(
      false,
    );
    expect((await check({ type: "not-is-refusal" }, "Sure, here it is.")).pass).toBe(true);
  });

  it("names the phrase it found", () => {
    expect(refusalPhraseFound("Well, I must decline.")).toBe("i must decline");
  });
});
