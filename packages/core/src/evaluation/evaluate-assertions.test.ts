import { describe, expect, it } from "vitest";
import { evaluateAssertions, knownAssertionTypes } from "./evaluate-assertions.js";

const input = { output: "Your refund is on its way.", variables: {} };

describe("evaluateAssertions", () => {
  it("knows every required type", () => {
    expect([...knownAssertionTypes].sort()).toEqual(
      [
        "equals",
        "contains",
        "icontains",
        "contains-any",
        "contains-all",
        "icontains-any",
        "icontains-all",
        "starts-with",
        "regex",
        "is-json",
        "contains-json",
        "is-xml",
        "javascript",
        "similar",
        "levenshtein",
        "rouge-n",
        "bleu",
        "word-count",
        "latency",
        "cost",
        "is-refusal",
        "llm-rubric",
        "factuality",
        "assert-set",
      ].sort(),
    );
  });

  it("passes with score 1 when there are no assertions", async () => {
    expect(await evaluateAssertions([], input)).toEqual({ pass: true, score: 1, results: [] });
  });

  it("negates with not-: pass flips and the score becomes 1 − s", async () => {
    const { results } = await evaluateAssertions(
      [
        { type: "not-contains", value: "sorry" },
        { type: "not-contains", value: "refund" },
        { type: "not-rouge-n", value: "Your refund is on the way", threshold: 0.9 },
      ],
      input,
    );
    expect(results.map((result) => [result.type, result.pass, result.score])).toEqual([
      ["not-contains", true, 1],
      ["not-contains", false, 0],
      ["not-rouge-n", true, expect.closeTo(1 - 5 / 6, 12)],
    ]);
    expect(results[1]?.reason).toContain(
      'not-contains failed because the contains check passed: output contains "refund"',
    );
  });

  it("scores the case as the weighted mean; weight 0 reports without counting", async () => {
    const verdict = await evaluateAssertions(
      [
        { type: "contains", value: "refund", weight: 3 },
        { type: "contains", value: "sorry", weight: 1, metric: "apology" },
        { type: "contains", value: "zzz", weight: 0 },
      ],
      input,
    );
    expect(verdict.score).toBeCloseTo(0.75, 12);
    expect(verdict.pass).toBe(false);
    expect(verdict.results.map((result) => result.weight)).toEqual([3, 1, 0]);
    expect(verdict.results[1]?.metric).toBe("apology");
    const onlyUncounted = await evaluateAssertions(
      [{ type: "contains", value: "zzz", weight: 0 }],
      input,
    );
    expect(onlyUncounted).toMatchObject({ pass: true, score: 1 });
  });

  it("groups with assert-set: threshold is the share that must pass (default all)", async () => {
    const children = [
      { type: "contains", value: "refund" },
      { type: "contains", value: "way" },
      { type: "contains", value: "sorry" },
      { type: "contains", value: "late" },
    ];
    const all = await evaluateAssertions([{ type: "assert-set", assert: children }], input);
    expect(all.results[0]).toMatchObject({ pass: false, score: 0.5 });
    expect(all.results[0]?.children).toHaveLength(4);
    expect(all.results[0]?.reason).toContain("2 of 4 assertions in the set passed");
    const half = await evaluateAssertions(
      [{ type: "assert-set", assert: children, threshold: 0.5 }],
      input,
    );
    expect(half.results[0]?.pass).toBe(true);
    const negated = await evaluateAssertions([{ type: "not-assert-set", assert: children }], input);
    expect(negated.results[0]).toMatchObject({ pass: true, score: 0.5 });
  });

  it("never throws for a bad spec or output: it reports errored results", async () => {
    const verdict = await evaluateAssertions(
      [
        { type: "no-such-type" },
        { type: "regex", value: "(" },
        { type: "word-count", value: "many" },
        { type: "contains" },
        { type: "is-json" },
      ],
      { output: "\u0000{{not json", variables: {} },
    );
    expect(verdict.pass).toBe(false);
    expect(verdict.results.map((result) => result.errored ?? false)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(verdict.results[0]?.reason).toContain("unknown assertion type");
  });

  it.each(["equals", "contains", "icontains", "levenshtein", "rouge-n", "bleu"])(
    "%s without a value compares with the case's expected output",
    async (type) => {
      const expected = "Your refund is on its way.";
      const verdict = await evaluateAssertions([{ type }], { ...input, expected });
      expect(verdict.results[0]).toMatchObject({ pass: true, score: 1 });
      const other = await evaluateAssertions([{ type }], {
        ...input,
        expected: "Nothing at all matches here, really.",
      });
      expect(other.results[0]?.pass).toBe(false);
    },
  );

  it("an errored check stays failed under negation", async () => {
    const { results } = await evaluateAssertions([{ type: "not-regex", value: "(" }], input);
    expect(results[0]).toMatchObject({ pass: false, score: 0, errored: true });
  });
});
