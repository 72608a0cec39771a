import { QuireError } from "../errors/index.js";
import { normalCriticalValue, studentTCriticalValue } from "./distributions.js";
import { assertConfidenceLevel, assertCount, assertFiniteValues } from "./statistics-input.js";

/** A value with its two-sided confidence interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
  /** e.g. 0.95 */
  level: number;
}

/**
 * Mean with a Student-t interval; an empty list throws; one value gives low = high = value
 * (a single observation carries no estimate of spread). Values all equal give low = high too.
 */
export function meanWithInterval(values: readonly number[], level = 0.95): Interval {
  const where = "meanWithInterval";
  assertConfidenceLevel(level, where);
  assertFiniteValues(values, where);
  const count = values.length;
  if (count === 0) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: the list of values is empty, so it has no mean; pass at least one value.`,
      { details: { field: "values" } },
    );
  }
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  if (count === 1) return { value: mean, low: mean, high: mean, level };
  const squaredDeviations = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const standardError = Math.sqrt(squaredDeviations / (count - 1) / count);
  const halfWidth = studentTCriticalValue(level, count - 1) * standardError;
  // Rounding in the sum can put the mean a hair outside [min, max]; the interval still holds it.
  return {
    value: mean,
    low: Math.min(mean, mean - halfWidth),
    high: Math.max(mean, mean + halfWidth),
    level,
  };
}

/**
 * A pass rate with its Wilson score interval (Wilson 1927; Newcombe 1998, method 3). Zero
 * trials give value 0 with the uninformative interval [0, 1] rather than throwing, so a summary
 * of a version whose cells all errored still has a row.
 */
export function proportionWithInterval(successes: number, total: number, level = 0.95): Interval {
  const where = "proportionWithInterval";
  assertConfidenceLevel(level, where);
  assertCount(successes, where, "successes");
  assertCount(total, where, "total");
  if (successes > total) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: successes (${successes}) exceed total (${total}); pass the number of passing cells out of all cells.`,
      { details: { field: "successes", successes, total } },
    );
  }
  if (total === 0) return { value: 0, low: 0, high: 1, level };
  const proportion = successes / total;
  const z = normalCriticalValue(level);
  const zSquared = z * z;
  const denominator = 1 + zSquared / total;
  const center = (proportion + zSquared / (2 * total)) / denominator;
  const halfWidth =
    (z / denominator) *
    Math.sqrt((proportion * (1 - proportion)) / total + zSquared / (4 * total * total));
  return {
    value: proportion,
    low: Math.max(0, Math.min(proportion, center - halfWidth)),
    high: Math.min(1, Math.max(proportion, center + halfWidth)),
    level,
  };
}

/**
 * Linear-interpolated percentile, p in [0, 100]; undefined for an empty list. Matches numpy's
 * default ("linear", Hyndman & Fan type 7): rank = p/100 · (n − 1) between the sorted values.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  const where = "percentile";
  if (!Number.isFinite(p) || p < 0 || p > 100) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: p is ${String(p)}, outside [0, 100]; pass e.g. 50 for the median or 95 for p95.`,
      { details: { field: "p", value: p } },
    );
  }
  assertFiniteValues(values, where);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = (p / 100) * (sorted.length - 1);
  const lowerIndex = Math.floor(rank);
  const upperIndex = Math.ceil(rank);
  const lower = sorted[lowerIndex] as number;
  const upper = sorted[upperIndex] as number;
  return lower + (upper - lower) * (rank - lowerIndex);
}
