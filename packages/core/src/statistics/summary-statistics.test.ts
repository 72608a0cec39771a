import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QuireError } from "../errors/index.js";
import { meanWithInterval, percentile, proportionWithInterval } from "./summary-statistics.js";

const finiteNumber = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const level = fc.double({ min: 0.5, max: 0.999, noNaN: true });

describe("meanWithInterval", () => {
  it("matches the textbook t interval for 1..10", () => {
    // mean 5.5, s = 3.02765, t(0.975, 9) = 2.262157 (any Student t table, e.g. NIST/SEMATECH
    // e-Handbook 1.3.6.7.2): 5.5 ± 2.262157 · 3.02765 / √10 = [3.33414, 7.66586].
    const interval = meanWithInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(interval.value).toBe(5.5);
    expect(interval.low).toBeCloseTo(3.33414, 4);
    expect(interval.high).toBeCloseTo(7.66586, 4);
    expect(interval.level).toBe(0.95);
  });

  it("widens with the level (t(0.995, 4) = 4.604)", () => {
    // [2, 4, 4, 4, 5] has mean 3.8 and s = 1.095445; 4.604095 · 1.095445 / √5 = 2.25553.
    const interval = meanWithInterval([2, 4, 4, 4, 5], 0.99);
    expect(interval.low).toBeCloseTo(3.8 - 2.25553, 4);
    expect(interval.high).toBeCloseTo(3.8 + 2.25553, 4);
  });

  it("gives a zero-width interval for one value and for equal values", () => {
    expect(meanWithInterval([0.7])).toEqual({ value: 0.7, low: 0.7, high: 0.7, level: 0.95 });
    expect(meanWithInterval([3, 3, 3, 3])).toEqual({ value: 3, low: 3, high: 3, level: 0.95 });
  });

  it("rejects an empty list, a non-finite value and a bad level with a QuireError", () => {
    expect(() => meanWithInterval([])).toThrow(/empty/);
    expect(() => meanWithInterval([1, Number.NaN])).toThrow(/values\[1\]/);
    expect(() => meanWithInterval([1, 2], 1)).toThrow(QuireError);
    try {
      meanWithInterval([]);
    } catch (error) {
      expect((error as QuireError).code).toBe("VALIDATION_FAILED");
    }
  });

  it("always contains the mean, with low ≤ high", () => {
    fc.assert(
      fc.property(
        fc.array(finiteNumber, { minLength: 1, maxLength: 50 }),
        level,
        (values, chosen) => {
          const interval = meanWithInterval(values, chosen);
          expect(interval.low).toBeLessThanOrEqual(interval.value);
          expect(interval.value).toBeLessThanOrEqual(interval.high);
        },
      ),
    );
  });
});

describe("proportionWithInterval", () => {
  // Newcombe, R. G. (1998), "Two-sided confidence intervals for the single proportion",
  // Statistics in Medicine 17, 857–872, Table II, method 3 (Wilson score without correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i gives [%f, %f]", (successes, total, low, high) => {
    const interval = proportionWithInterval(successes, total);
    expect(interval.value).toBeCloseTo(successes / total, 12);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("is symmetric: successes and failures swap the bounds", () => {
    const interval = proportionWithInterval(20, 20);
    expect(interval.high).toBe(1);
    expect(interval.low).toBeCloseTo(1 - 0.1611, 4);
  });

  it("gives [0, 1] for zero trials", () => {
    expect(proportionWithInterval(0, 0)).toEqual({ value: 0, low: 0, high: 1, level: 0.95 });
  });

  it("rejects counts that are negative, fractional or larger than the total", () => {
    expect(() => proportionWithInterval(-1, 5)).toThrow(/successes/);
    expect(() => proportionWithInterval(1.5, 5)).toThrow(/whole number/);
    expect(() => proportionWithInterval(6, 5)).toThrow(/exceed/);
  });

  it("stays inside [0, 1], contains the rate, and has low ≤ high", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 100_000 })
          .chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total))),
        level,
        ([successes, total], chosen) => {
          const interval = proportionWithInterval(successes, total, chosen);
          expect(interval.low).toBeGreaterThanOrEqual(0);
          expect(interval.high).toBeLessThanOrEqual(1);
          expect(interval.low).toBeLessThanOrEqual(interval.value);
          expect(interval.value).toBeLessThanOrEqual(interval.high);
        },
      ),
    );
  });
});

describe("percentile", () => {
  it("interpolates linearly between ranks (numpy's default)", () => {
    // numpy.percentile([15, 20, 35, 40, 50], 40) == 29.0 (rank 1.6: 20 + 0.6 · 15).
    expect(percentile([50, 15, 40, 20, 35], 40)).toBeCloseTo(29, 10);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([10, 20], 95)).toBeCloseTo(19.5, 10);
  });

  it("returns undefined for an empty list and the value itself for one value", () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([7], 95)).toBe(7);
  });

  it("rejects p outside [0, 100]", () => {
    expect(() => percentile([1], 101)).toThrow(/outside \[0, 100\]/);
    expect(() => percentile([1], Number.NaN)).toThrow(QuireError);
  });

  it("lies between the minimum and the maximum and grows with p", () => {
    fc.assert(
      fc.property(
        fc.array(finiteNumber, { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, first, second) => {
          const low = percentile(values, Math.min(first, second)) as number;
          const high = percentile(values, Math.max(first, second)) as number;
          expect(low).toBeGreaterThanOrEqual(Math.min(...values));
          expect(high).toBeLessThanOrEqual(Math.max(...values));
          expect(low).toBeLessThanOrEqual(high);
        },
      ),
    );
  });
});
