import { newExecutionSchema, QuireError } from "@quire/core";
import type { NewExecutionRecord } from "@quire/store";

export type RecordValidation =
  | { valid: true; record: NewExecutionRecord }
  | { valid: false; error: QuireError };

/**
 * Checks one record of a batch against the shared contract. Unknown fields are dropped (so a
 * client cannot choose an execution's id); an invalid record gets an error naming its index and
 * every field at fault.
 */
export function validateExecutionRecord(index: number, value: unknown): RecordValidation {
  const result = newExecutionSchema.safeParse(value);
  if (result.success) return { valid: true, record: result.data };
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const listed = issues
    .map((issue) => (issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`))
    .join("; ");
  return {
    valid: false,
    error: new QuireError(
      "VALIDATION_FAILED",
      `Execution ${index} is invalid: ${listed}${/[.!?]$/.test(listed) ? "" : "."}`,
      { details: { index, issues } },
    ),
  };
}
