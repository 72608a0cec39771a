import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { cosineSimilarity, sparseCosineSimilarity } from "./cosine-similarity.js";

describe("cosineSimilarity", () => {
  it("is 1 for the same direction, 0 for orthogonal, −1 for opposite", () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 12);
  });

  it("is 0 against a zero vector instead of NaN", () => {
    expect(cosineSimilarity([0, 0], [1, 2])).toBe(0);
    expect(sparseCosineSimilarity(new Map(), new Map([["a", 1]]))).toBe(0);
  });

  it("refuses vectors of different lengths", () => {
    const error = thrown(() => cosineSimilarity([1, 2, 3], [1, 2]));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toEqual({ leftDimensions: 3, rightDimensions: 2 });
  });

  it("compares sparse vectors on their shared terms", () => {
    const left = new Map([
      ["refund", 2],
      ["order", 1],
    ]);
    const right = new Map([
      ["order", 1],
      ["late", 1],
    ]);
    expect(sparseCosineSimilarity(left, right)).toBeCloseTo(1 / Math.sqrt(5 * 2), 12);
  });
});
