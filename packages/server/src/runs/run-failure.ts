import { isQuireError, modelError, modelErrorClassOf, type QuireError } from "@quire/core";
import type { ModelFailure } from "@quire/llm";

/** A failed run's error as it is answered, and the class stored with its execution. */
export interface ClassifiedFailure {
  error: unknown;
  /** A model error class, `cancelled` (the client went away) or the error code in lower case. */
  errorClass: string;
  /** Models that failed, in order (from the fallback chain's error). */
  failures: ModelFailure[];
}

/**
 * Classifies what ended a run after its model calls began. A strategy that gave up on the
 * model's answers (structured output out of repairs, self-consistency without one readable
 * answer) threw VALIDATION_FAILED; that is the model's failure, not the request's, so it is
 * answered as PROVIDER_ERROR with class `malformed-response` (502), its details kept.
 */
export function classifyRunFailure(
  error: unknown,
  context: { modelCallsAttempted: number; cancelled: boolean },
): ClassifiedFailure {
  const failures = failuresOf(error);
  if (context.cancelled) return { error, errorClass: "cancelled", failures };
  const modelClass = modelErrorClassOf(error);
  if (modelClass !== undefined) return { error, errorClass: modelClass, failures };
  if (
    isQuireError(error) &&
    error.code === "VALIDATION_FAILED" &&
    context.modelCallsAttempted > 0
  ) {
    const wrapped = modelError(
      "malformed-response",
      `The model's answers gave no valid result: ${error.message}`,
      { cause: error, retryable: false, details: { ...error.details } },
    );
    return { error: wrapped, errorClass: "malformed-response", failures };
  }
  if (isQuireError(error)) {
    return { error, errorClass: error.code.toLowerCase().replaceAll("_", "-"), failures };
  }
  return { error, errorClass: "internal", failures };
}

function failuresOf(error: unknown): ModelFailure[] {
  if (!isQuireError(error)) return [];
  const listed = (error as QuireError).details.failures;
  return Array.isArray(listed) ? (listed as ModelFailure[]) : [];
}
