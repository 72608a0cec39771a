import { QuireError } from "../errors/index.js";

/** Throws VALIDATION_FAILED unless `level` is a confidence level strictly between 0 and 1. */
export function assertConfidenceLevel(level: number, where: string): void {
  if (!Number.isFinite(level) || level <= 0 || level >= 1) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: confidence level ${String(level)} is not between 0 and 1 (exclusive); pass e.g. 0.95.`,
      { details: { field: "level", value: level } },
    );
  }
}

/** Throws VALIDATION_FAILED unless every value is a finite number. */
export function assertFiniteValues(
  values: readonly number[],
  where: string,
  field = "values",
): void {
  const index = values.findIndex((value) => !Number.isFinite(value));
  if (index !== -1) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: ${field}[${index}] is ${String(values[index])}, not a finite number; drop or fix that value first.`,
      { details: { field: `${field}[${index}]`, value: String(values[index]) } },
    );
  }
}

/** Throws VALIDATION_FAILED unless `value` is a non-negative integer. */
export function assertCount(value: number, where: string, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: ${field} is ${String(value)}, not a non-negative whole number; pass a count.`,
      { details: { field, value } },
    );
  }
}
