import type { AssertionHandler } from "./assertion-handler.js";
import { javascriptAssertions } from "./javascript-assertion.js";
import { jsonAssertions } from "./json-assertions.js";
import { judgeAssertions } from "./judge-assertions.js";
import { metricAssertions } from "./metric-assertions.js";
import { patternAssertions } from "./pattern-assertions.js";
import { similarityAssertions } from "./similarity-assertions.js";
import { structureAssertions } from "./structure-assertions.js";
import { textAssertions } from "./text-assertions.js";

/** The type of the group assertion, handled by the evaluator itself. */
export const assertSetType = "assert-set";

const handlers: ReadonlyMap<string, AssertionHandler> = new Map(
  Object.entries({
    ...textAssertions,
    ...patternAssertions,
    ...jsonAssertions,
    ...structureAssertions,
    ...similarityAssertions,
    ...metricAssertions,
    ...javascriptAssertions,
    ...judgeAssertions,
  }),
);

/** Every assertion type, without the `not-` prefix any of them takes. */
export const registeredAssertionTypes: readonly string[] = [...handlers.keys(), assertSetType];

/** The handler of a base type (no `not-`); undefined for assert-set and unknown types. */
export function assertionHandler(type: string): AssertionHandler | undefined {
  return handlers.get(type);
}

/** A type split into its base type and whether it is negated. */
export function parseAssertionType(type: string): { baseType: string; negated: boolean } {
  return type.startsWith("not-")
    ? { baseType: type.slice("not-".length), negated: true }
    : { baseType: type, negated: false };
}

/** Whether a type as written (with or without `not-`) is known. */
export function isKnownAssertionType(type: string): boolean {
  const { baseType } = parseAssertionType(type);
  return baseType === assertSetType || handlers.has(baseType);
}
