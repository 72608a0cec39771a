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
  INTERNAL: 500,
  CONFIG_INVALID: 500,
  PROVIDER_ERROR: 502,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatusByCode;

export const errorCodes = Object.keys(errorStatusByCode) as ErrorCode[];

export function httpStatusForCode(code: ErrorCode): number {
  return errorStatusByCode[code];
}

/**
 * The code an HTTP status means when nothing more specific is known (an error raised by the HTTP
 * framework, or a proxy's answer): the first code in the table with that status, else the
 * class of the status. Gateway failures (502, 504) read as UNAVAILABLE: the server was not reached.
 */
export function errorCodeForStatus(status: number): ErrorCode {
  if (status === 502 || status === 504) return "UNAVAILABLE";
  const code = errorCodes.find((candidate) => errorStatusByCode[candidate] === status);
  if (code !== undefined) return code;
  return status >= 500 ? "INTERNAL" : "BAD_REQUEST";
}
