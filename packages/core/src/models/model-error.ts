import { QuireError, type QuireErrorOptions } from "../errors/quire-error.js";

/** Why a model call failed, as reported to users and stored with executions. */
export const modelErrorClasses = [
  "auth",
  "rate-limit",
  "timeout",
  "context-too-long",
  "content-filtered",
  "provider-error",
  "malformed-response",
  "unavailable",
] as const;
export type ModelErrorClass = (typeof modelErrorClasses)[number];

const retryableClasses: ReadonlySet<ModelErrorClass> = new Set([
  "rate-limit",
  "timeout",
  "provider-error",
  "unavailable",
]);

export interface ModelErrorOptions extends QuireErrorOptions {
  /** The model that failed (`provider/model`). */
  modelId?: string;
  /** Seconds the provider asked us to wait (`Retry-After`), when it said. */
  retryAfterSeconds?: number;
  /** The provider's HTTP status, when there was one. */
  status?: number;
}

/**
 * A failed model call: code `PROVIDER_ERROR`, with `details.errorClass`, `details.modelId` and,
 * when known, `details.status` and `details.retryAfterSeconds`. Retryable unless the class says
 * retrying cannot help (auth, context too long, content filtered, malformed response).
 */
export function modelError(
  errorClass: ModelErrorClass,
  message: string,
  options: ModelErrorOptions = {},
): QuireError {
  const { modelId, retryAfterSeconds, status, details, ...rest } = options;
  return new QuireError("PROVIDER_ERROR", message, {
    ...rest,
    retryable: options.retryable ?? retryableClasses.has(errorClass),
    details: {
      ...details,
      errorClass,
      ...(modelId === undefined ? {} : { modelId }),
      ...(status === undefined ? {} : { status }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    },
  });
}

/** The class of a model error made by `modelError`, or undefined for any other error. */
export function modelErrorClassOf(error: unknown): ModelErrorClass | undefined {
  if (!(error instanceof QuireError) || error.code !== "PROVIDER_ERROR") return undefined;
  const value = error.details.errorClass;
  return typeof value === "string" && (modelErrorClasses as readonly string[]).includes(value)
    ? (value as ModelErrorClass)
    : undefined;
}
