/**
 * The one table of error codes and their HTTP statuses. Every error Quire reports carries one
 * of these codes; the server maps it to the status here and nowhere else.
 */
export const errorStatusByCode = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  TEMPLATE_SYNTAX: 422,
  TEMPLATE_RENDER: 422,
  RATE_LIMITED: 429,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
  PROVIDER_ERROR: 502,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatusByCode;

export const errorCodes = Object.keys(errorStatusByCode) as ErrorCode[];

export function httpStatusForCode(code: ErrorCode): number {
  return errorStatusByCode[code];
}
