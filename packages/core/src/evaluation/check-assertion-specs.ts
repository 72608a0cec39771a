import { QuireError } from "../errors/quire-error.js";
import { nearestWithinTwoEdits } from "../text/edit-distance.js";
import {
  assertionHandler,
  assertSetType,
  parseAssertionType,
  registeredAssertionTypes,
} from "./assertion-registry.js";
import { type AssertionSpec, assertionSpecSchema } from "./assertion-spec.js";

function fail(path: string, message: string, details: Record<string, unknown> = {}): never {
  throw new QuireError("VALIDATION_FAILED", `${path}: ${message}`, {
    details: { path, ...details },
  });
}

/**
 * Throws a VALIDATION_FAILED QuireError for the first unknown type or bad field. `where` is the
 * path of the list (e.g. `tests[2].assert`); the error names the full path of the field
 * (`tests[2].assert[0].type`) in its message and `details.path`, and for an unknown type the
 * nearest known type and the full list (`details.knownTypes`).
 */
export function checkAssertionSpecs(specs: readonly AssertionSpec[], where: string): void {
  specs.forEach((spec, index) => {
    checkSpec(spec, `${where}[${index}]`);
  });
}

function checkSpec(spec: AssertionSpec, path: string): void {
  const parsed = assertionSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = (issue?.path ?? [])
      .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
      .join("");
    fail(`${path}${field}`, `${issue?.message ?? "is not a valid assertion"}`);
  }
  const { baseType } = parseAssertionType(spec.type);
  if (baseType !== assertSetType && assertionHandler(baseType) === undefined) {
    const nearest = nearestWithinTwoEdits(spec.type, [
      ...registeredAssertionTypes,
      ...registeredAssertionTypes.map((type) => `not-${type}`),
    ]);
    fail(
      `${path}.type`,
      `unknown assertion type "${spec.type}"${nearest === undefined ? "" : ` (did you mean "${nearest}"?)`}; known types (each also as not-<type>): ${registeredAssertionTypes.join(", ")}`,
      {
        type: spec.type,
        ...(nearest === undefined ? {} : { suggestion: nearest }),
        knownTypes: [...registeredAssertionTypes],
      },
    );
  }
  if (baseType === assertSetType) {
    if (spec.assert === undefined || spec.assert.length === 0) {
      fail(`${path}.assert`, "an assert-set needs a non-empty list of assertions in assert");
    }
    if (spec.threshold !== undefined && !(spec.threshold >= 0 && spec.threshold <= 1)) {
      fail(
        `${path}.threshold`,
        `threshold ${spec.threshold} is out of range; an assert-set's threshold is the share of its assertions that must pass, from 0 to 1`,
      );
    }
    checkAssertionSpecs(spec.assert, `${path}.assert`);
    return;
  }
  const handler = assertionHandler(baseType);
  if (handler === undefined) return;
  if (spec.assert !== undefined) {
    fail(
      `${path}.assert`,
      `only an assert-set has child assertions; ${spec.type} does not take assert`,
    );
  }
  if (
    handler.requiresValue === true &&
    handler.valueFromExpected !== true &&
    spec.value === undefined
  ) {
    fail(`${path}.value`, `${baseType} needs a value`);
  }
  const problem = handler.check?.(spec);
  if (problem !== undefined) fail(`${path}.${problem.field}`, problem.message, { type: spec.type });
}
