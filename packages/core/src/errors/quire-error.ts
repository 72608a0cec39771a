import type { ErrorCode } from "./error-codes.js";

export interface QuireErrorOptions {
  /** Structured facts a caller can act on: the variable, the line and column, the config key. */
  details?: Record<string, unknown>;
  cause?: unknown;
  /** True where retrying the same call could succeed (rate limits, timeouts, lost connections). */
  retryable?: boolean;
}

/** The one error type of Quire. `message` says what is wrong and how to fix it. */
export class QuireError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: QuireErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "QuireError";
    this.code = code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isQuireError(value: unknown): value is QuireError {
  return value instanceof QuireError;
}
