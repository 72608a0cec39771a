import type { AssertionInput, AssertionServices } from "./assertion-context.js";
import { type AssertionOutcome, errored } from "./assertion-handler.js";
import {
  assertionHandler,
  assertSetType,
  parseAssertionType,
  registeredAssertionTypes,
} from "./assertion-registry.js";
import type { AssertionResult, CaseScore } from "./assertion-result.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { resolveAssertionValue } from "./assertion-value.js";
import { scoreResults } from "./case-score.js";
import { describeFailure, rethrowIfCancelled } from "./model-call.js";

export { checkAssertionSpecs } from "./check-assertion-specs.js";

/** Every assertion type Quire knows (without the `not-` prefix, which any of them takes). */
export const knownAssertionTypes: readonly string[] = registeredAssertionTypes;

/**
 * Runs every assertion on one output; never throws for a failing check (it reports it: a check
 * that cannot run is `errored`). The case passes when every assertion with weight above 0 passes;
 * its score is their weighted mean (pass and 1 with none). When `services.signal` is aborted it
 * rejects with the signal's reason: a cancelled cell is not a result.
 */
export async function evaluateAssertions(
  specs: readonly AssertionSpec[],
  input: AssertionInput,
  services: AssertionServices = {},
): Promise<CaseScore> {
  const results = await Promise.all(specs.map((spec) => evaluateOne(spec, input, services)));
  return scoreResults(results);
}

async function evaluateOne(
  spec: AssertionSpec,
  input: AssertionInput,
  services: AssertionServices,
): Promise<AssertionResult> {
  const { baseType, negated } = parseAssertionType(spec.type);
  const weight = spec.weight !== undefined && spec.weight >= 0 ? spec.weight : 1;
  let outcome: AssertionOutcome;
  let children: AssertionResult[] | undefined;
  if (baseType === assertSetType) {
    children = await Promise.all(
      (spec.assert ?? []).map((child) => evaluateOne(child, input, services)),
    );
    outcome = assertSetOutcome(children, spec.threshold);
  } else {
    outcome = await runCheck(spec, baseType, input, services);
  }
  const final = negated ? negate(spec.type, outcome) : outcome;
  return {
    type: spec.type,
    pass: final.pass,
    score: final.score,
    reason: final.reason,
    weight,
    ...(spec.metric === undefined ? {} : { metric: spec.metric }),
    ...(final.errored === true ? { errored: true } : {}),
    ...(children === undefined ? {} : { children }),
  };
}

async function runCheck(
  spec: AssertionSpec,
  baseType: string,
  input: AssertionInput,
  services: AssertionServices,
): Promise<AssertionOutcome> {
  const handler = assertionHandler(baseType);
  if (handler === undefined) {
    return errored(
      `unknown assertion type "${spec.type}"; use one of ${knownAssertionTypes.join(", ")}`,
    );
  }
  try {
    let value: unknown;
    try {
      value = resolveAssertionValue(spec, handler, input);
    } catch (error) {
      return errored(`the value's {{variables}} do not render: ${describeFailure(error)}`);
    }
    if (handler.requiresValue === true && value === undefined) {
      return errored(
        handler.valueFromExpected === true
          ? `${baseType} has no value and the case has no expected output; give a value or an expected output`
          : `${baseType} needs a value`,
      );
    }
    const outcome = await handler.evaluate({ spec, value, input, services });
    return {
      ...outcome,
      score: Number.isNaN(outcome.score) ? 0 : Math.min(1, Math.max(0, outcome.score)),
    };
  } catch (error) {
    rethrowIfCancelled(services.signal);
    return errored(`the ${baseType} check failed unexpectedly: ${describeFailure(error)}`);
  }
}

/** `not-`: pass flips and the score becomes 1 − s; a check that could not run stays failed. */
function negate(type: string, outcome: AssertionOutcome): AssertionOutcome {
  if (outcome.errored === true) return outcome;
  const baseType = parseAssertionType(type).baseType;
  return {
    pass: !outcome.pass,
    score: 1 - outcome.score,
    reason: `${type} ${outcome.pass ? "failed" : "passed"} because the ${baseType} check ${outcome.pass ? "passed" : "failed"}: ${outcome.reason}`,
  };
}

/** A group: its score is the weighted mean; it passes when the share `threshold` (default all) passes. */
function assertSetOutcome(
  children: AssertionResult[],
  threshold: number | undefined,
): AssertionOutcome {
  const { score } = scoreResults(children);
  const counted = children.filter((child) => child.weight > 0);
  const passing = counted.filter((child) => child.pass).length;
  const share = counted.length === 0 ? 1 : passing / counted.length;
  const needed = threshold ?? 1;
  const pass = share >= needed - 1e-12;
  const failing = counted.filter((child) => !child.pass).map((child) => child.type);
  return {
    pass,
    score,
    reason: `${passing} of ${counted.length} assertions in the set passed (${needed === 1 ? "all" : `${Math.round(needed * 100)}%`} needed)${failing.length === 0 ? "" : `; failed: ${failing.join(", ")}`}`,
  };
}
