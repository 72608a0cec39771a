/** A value with its two-sided confidence interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
  /** e.g. 0.95 */
  level: number;
}

/** Mean with a Student-t interval; an empty list throws; one value gives low = high = value. */
export function meanWithInterval(_values: readonly number[], _level = 0.95): Interval {
  throw new Error("not implemented yet");
}

/** A pass rate with its Wilson score interval. */
export function proportionWithInterval(
  _successes: number,
  _total: number,
  _level = 0.95,
): Interval {
  throw new Error("not implemented yet");
}

/** Linear-interpolated percentile, p in [0, 100]; undefined for an empty list. */
export function percentile(_values: readonly number[], _p: number): number | undefined {
  throw new Error("not implemented yet");
}
