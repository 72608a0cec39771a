import type { AssertionInput, AssertionServices } from "./assertion-context.js";
import type { CaseScore } from "./assertion-result.js";
import type { AssertionSpec } from "./assertion-spec.js";

/** Every assertion type Quire knows (without the `not-` prefix, which any of them takes). */
export const knownAssertionTypes: readonly string[] = [];

/**
 * Throws a VALIDATION_FAILED QuireError naming the first unknown type or bad field, at `where`
 * (e.g. `tests[3].assert[1]`), listing the known types and the nearest match.
 */
export function checkAssertionSpecs(_specs: readonly AssertionSpec[], _where: string): void {
  throw new Error("not implemented yet");
}

/** Runs every assertion on one output; never throws for a failing check (it reports it). */
export async function evaluateAssertions(
  _specs: readonly AssertionSpec[],
  _input: AssertionInput,
  _services: AssertionServices = {},
): Promise<CaseScore> {
  throw new Error("not implemented yet");
}
