import { QuireError } from "../../errors/index.js";

/**
 * A strategy limit checked before any model call: within [minimum, maximum] and, unless
 * `wholeNumber` is false, a whole number. `strategy` and `name` say whose option it is.
 */
export function checkedLimit(
  strategy: string,
  name: string,
  value: number,
  [minimum, maximum]: readonly [number, number],
  wholeNumber = true,
): number {
  const whole = !wholeNumber || Number.isInteger(value);
  if (!whole || !(value >= minimum && value <= maximum)) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${strategy}: ${name} must be ${wholeNumber ? "a whole number" : "a number"} from ${minimum} to ${maximum}, got ${value}`,
      { details: { strategy, option: name, value, minimum, maximum } },
    );
  }
  return value;
}
