import type { AssertionResult, CaseScore } from "./assertion-result.js";

/**
 * The verdict over results: the weighted mean of the scores of those with weight above 0 (score 1
 * when there are none), passing when every one of those passes.
 */
export function scoreResults(results: AssertionResult[]): CaseScore {
  const counted = results.filter((result) => result.weight > 0);
  const totalWeight = counted.reduce((sum, result) => sum + result.weight, 0);
  const weighted = counted.reduce((sum, result) => sum + result.weight * result.score, 0);
  const score = totalWeight === 0 ? 1 : Math.min(1, Math.max(0, weighted / totalWeight));
  return { pass: counted.every((result) => result.pass), score, results };
}
