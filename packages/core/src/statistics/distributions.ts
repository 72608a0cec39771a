import jStat from "jstat";

/** The two-sided critical value of the standard normal distribution at `level` (1.96 at 0.95). */
export function normalCriticalValue(level: number): number {
  return jStat.normal.inv(1 - (1 - level) / 2, 0, 1);
}

/** The two-sided critical value of Student's t with `degreesOfFreedom` at `level`. */
export function studentTCriticalValue(level: number, degreesOfFreedom: number): number {
  return jStat.studentt.inv(1 - (1 - level) / 2, degreesOfFreedom);
}

/** P(Z ≥ z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 1 - jStat.normal.cdf(z, 0, 1);
}

/** P(X ≤ successes) for X ~ Binomial(trials, probability). */
export function binomialLowerTail(successes: number, trials: number, probability: number): number {
  return jStat.binomial.cdf(successes, trials, probability);
}
