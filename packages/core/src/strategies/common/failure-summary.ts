import { isQuireError } from "../../errors/index.js";
import { type ModelErrorClass, modelErrorClassOf } from "../../models/model-error.js";

/** A caught error as data a strategy result can carry (and JSON can hold). */
export interface FailureSummary {
  /** The QuireError code, or `INTERNAL` for any other error. */
  code: string;
  message: string;
  /** The model error class, when the error came from a model call. */
  errorClass?: ModelErrorClass;
  retryable: boolean;
}

export function summarizeFailure(error: unknown): FailureSummary {
  if (isQuireError(error)) {
    const errorClass = modelErrorClassOf(error);
    return {
      code: error.code,
      message: error.message,
      ...(errorClass === undefined ? {} : { errorClass }),
      retryable: error.retryable,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "INTERNAL", message, retryable: false };
}
