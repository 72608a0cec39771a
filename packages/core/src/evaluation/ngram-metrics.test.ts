import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bleu, metricTokens, rougeN } from "./ngram-metrics.js";

describe("ROUGE-N", () => {
  it("is the recall of the reference's n-grams, counts clipped", () => {
    expect(rougeN("the cat sat on the mat", "the cat is on the mat")).toBeCloseTo(5 / 6, 12);
    expect(rougeN("the cat sat on the mat", "the cat is on the mat", 2)).toBeCloseTo(3 / 5, 12);
    expect(rougeN("the the the", "the cat")).toBeCloseTo(1 / 2, 12);
    expect(rougeN("", "the cat")).toBe(0);
  });

  it("compares the words when the reference is shorter than n", () => {
    expect(rougeN("Yes!", "yes", 2)).toBe(1);
    expect(rougeN("no", "yes", 2)).toBe(0);
  });
});

describe("BLEU", () => {
  it("is the geometric mean of smoothed 1–4-gram precisions", () => {
    const expected = (5 / 6) * (4 / 6) * (2 / 5) * (1 / 4);
    expect(bleu("the cat sat on the mat", ["the cat is on the mat"])).toBeCloseTo(
      expected ** 0.25,
      12,
    );
  });

  it("applies the brevity penalty to a short candidate", () => {
    // All n-grams match; only the penalty exp(1 − 6/3) lowers it.
    expect(bleu("the cat is", ["the cat is on the mat"])).toBeCloseTo(Math.exp(1 - 6 / 3), 12);
  });

  it("clips by the most any reference has and uses the nearest reference length", () => {
    expect(bleu("on the mat", ["a dog", "on the mat"])).toBe(1);
    expect(bleu("zebra", ["the cat"])).toBe(0);
  });
});

const wordsText = fc
  .array(fc.constantFrom("the", "cat", "sat", "on", "mat", "dog", "a", "Élan", "42"), {
    minLength: 1,
    maxLength: 30,
  })
  .map((words) => words.join(" "));

describe("metric properties", () => {
  it("identical texts score 1 with ROUGE-N (any n) and BLEU", () => {
    fc.assert(
      fc.property(wordsText, fc.integer({ min: 1, max: 4 }), (text, n) => {
        expect(rougeN(text, text, n)).toBeCloseTo(1, 12);
        expect(bleu(text, [text])).toBeCloseTo(1, 12);
      }),
    );
  });

  it("scores stay within [0, 1] for any texts", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: 1, max: 4 }), (left, right, n) => {
        const scores = [rougeN(left, right, n), bleu(left, [right])];
        for (const score of scores) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("tokens are lower-cased letters and digits", () => {
    expect(metricTokens("Hello, WORLD! 3rd-place")).toEqual(["hello", "world", "3rd", "place"]);
  });
});
