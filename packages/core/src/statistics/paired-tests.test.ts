import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mcNemarExact, wilcoxonSignedRank } from "./paired-tests.js";
import { exactSignedRankTails, rankAbsoluteValues } from "./signed-rank.js";

describe("mcNemarExact", () => {
  it("doubles the smaller binomial tail", () => {
    // Binomial(10, ½): P(X ≤ 2) = (1 + 10 + 45) / 1024, two-sided 112 / 1024 = 0.109375.
    expect(mcNemarExact(2, 8).pValue).toBeCloseTo(0.109375, 10);
    // 0 of 5 discordant pairs one way: 2 · (½)^5 = 0.0625.
    expect(mcNemarExact(0, 5).pValue).toBeCloseTo(0.0625, 10);
    // 0 of 6: 2 · (½)^6 = 0.03125, significant at 0.05 but not at 0.01.
    expect(mcNemarExact(0, 6)).toMatchObject({
      test: "mcnemar-exact",
      significant: true,
      alpha: 0.05,
    });
    expect(mcNemarExact(0, 6, 0.01).significant).toBe(false);
  });

  it("stays exact for larger counts", () => {
    // 2 · Σ_{k ≤ b} C(b + c, k) / 2^(b + c), summed with exact integers in Python.
    expect(mcNemarExact(10, 30).pValue).toBeCloseTo(0.0022214337732, 8);
    expect(mcNemarExact(400, 470).pValue).toBeCloseTo(0.0192670528486, 8);
  });

  it("gives p = 1 without discordant pairs and caps balanced counts at 1", () => {
    expect(mcNemarExact(0, 0)).toEqual({
      test: "mcnemar-exact",
      pValue: 1,
      significant: false,
      alpha: 0.05,
    });
    expect(mcNemarExact(7, 7).pValue).toBe(1);
  });

  it("rejects counts that are not whole numbers and alpha outside (0, 1)", () => {
    expect(() => mcNemarExact(-1, 2)).toThrow(/baselineOnly/);
    expect(() => mcNemarExact(1, 2.5)).toThrow(/candidateOnly/);
    expect(() => mcNemarExact(1, 2, 0)).toThrow(/between 0 and 1/);
  });

  it("has p in [0, 1], unchanged when baseline and candidate swap", () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.nat(2000), (baselineOnly, candidateOnly) => {
        const forward = mcNemarExact(baselineOnly, candidateOnly).pValue;
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
        expect(mcNemarExact(candidateOnly, baselineOnly).pValue).toBe(forward);
      }),
    );
  });
});

describe("wilcoxonSignedRank", () => {
  it("matches scipy's exact p for Darwin's maize differences", () => {
    // scipy.stats.wilcoxon documentation example (Fisher's "Design of Experiments", Darwin's
    // cross- vs self-fertilised maize): statistic 24, two-sided exact p = 0.041259765625.
    const differences = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const result = wilcoxonSignedRank(
      differences.map(() => 0),
      differences,
    );
    expect(result.test).toBe("wilcoxon-signed-rank");
    expect(result.pValue).toBeCloseTo(0.041259765625, 12);
    expect(result.significant).toBe(true);
  });

  it("drops zero differences and gives p = 1 when all pairs are equal", () => {
    expect(wilcoxonSignedRank([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
    expect(wilcoxonSignedRank([5], [5]).pValue).toBe(1);
    expect(wilcoxonSignedRank([], []).pValue).toBe(1);
    // One non-zero difference: W+ is 0 or 1 with probability ½ each, two-sided p = 1.
    expect(wilcoxonSignedRank([0], [1]).pValue).toBe(1);
    // Adding zero differences changes nothing.
    const withZeros = wilcoxonSignedRank([0, 0, 0, 0, 0, 0, 0], [1, 2, 3, 4, 5, 0, 0]).pValue;
    expect(withZeros).toBeCloseTo(wilcoxonSignedRank([0, 0, 0, 0, 0], [1, 2, 3, 4, 5]).pValue, 12);
    // Five positive differences: 2 · (½)^5.
    expect(withZeros).toBeCloseTo(0.0625, 12);
  });

  it("uses the normal approximation above 25 differences, close to the exact value", () => {
    const differences = Array.from({ length: 30 }, (_, index) =>
      index % 3 === 0 ? -(index + 1) : index + 1,
    );
    const approximate = wilcoxonSignedRank(
      differences.map(() => 0),
      differences,
    ).pValue;
    const ranks = rankAbsoluteValues(differences);
    const positive = differences.reduce(
      (sum, value, index) => (value > 0 ? sum + (ranks[index] ?? 0) : sum),
      0,
    );
    const tails = exactSignedRankTails(ranks, positive);
    expect(approximate).toBeCloseTo(2 * Math.min(tails.lower, tails.upper), 2);
    // By hand: negatives 1, 4, …, 28 sum to 145, W+ = 465 − 145 = 320, mean 232.5,
    // variance 30 · 31 · 61 / 24 = 2363.75, z = (87.5 − 0.5) / 48.618 = 1.7895, p = 0.07354.
    expect(approximate).toBeCloseTo(0.07354, 4);
  });

  it("applies the tie correction above 25 differences", () => {
    // 30 differences all +1 except 3 of −1: every |d| ties at rank 15.5; W+ = 27 · 15.5 = 418.5,
    // mean 232.5, variance 2363.75 − (30³ − 30)/48 = 1801.875, z = (186 − 0.5)/42.448 = 4.370.
    const differences = Array.from({ length: 30 }, (_, index) => (index < 3 ? -1 : 1));
    const result = wilcoxonSignedRank(
      differences.map(() => 0),
      differences,
    );
    expect(result.pValue).toBeCloseTo(1.24e-5, 6);
  });

  it("rejects lists of different length and non-finite scores", () => {
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow(/same case order/);
    expect(() => wilcoxonSignedRank([1], [Number.POSITIVE_INFINITY])).toThrow(/candidate\[0\]/);
  });

  const pairs = fc
    .integer({ min: 0, max: 40 })
    .chain((length) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: length, maxLength: length }),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: length, maxLength: length }),
      ),
    );

  it("has p in [0, 1], unchanged when baseline and candidate swap", () => {
    fc.assert(
      fc.property(pairs, ([baseline, candidate]) => {
        const forward = wilcoxonSignedRank(baseline, candidate).pValue;
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
        expect(wilcoxonSignedRank(candidate, baseline).pValue).toBeCloseTo(forward, 12);
      }),
    );
  });

  it("counts the exact distribution like brute-force enumeration of signs", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -6, max: 6 }).filter((value) => value !== 0),
          { minLength: 1, maxLength: 10 },
        ),
        (differences) => {
          const ranks = rankAbsoluteValues(differences);
          const positive = differences.reduce(
            (sum, value, index) => (value > 0 ? sum + (ranks[index] ?? 0) : sum),
            0,
          );
          let lower = 0;
          let upper = 0;
          const outcomes = 2 ** ranks.length;
          for (let mask = 0; mask < outcomes; mask++) {
            const sum = ranks.reduce(
              (total, rank, index) => ((mask >> index) & 1 ? total + rank : total),
              0,
            );
            if (sum <= positive) lower++;
            if (sum >= positive) upper++;
          }
          const tails = exactSignedRankTails(ranks, positive);
          expect(tails.lower).toBeCloseTo(lower / outcomes, 12);
          expect(tails.upper).toBeCloseTo(upper / outcomes, 12);
        },
      ),
    );
  });

  it("ranks ties by their average rank", () => {
    expect(rankAbsoluteValues([3, -1, 1, 2, -3])).toEqual([4.5, 1.5, 1.5, 3, 4.5]);
  });
});
