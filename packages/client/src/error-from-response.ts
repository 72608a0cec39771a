import { type ErrorCode, errorCodes, errorResponseSchema, QuireError } from "@quire/core";

const codeByStatus: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "UNAVAILABLE",
};

const retryableCodes: ReadonlySet<ErrorCode> = new Set(["RATE_LIMITED", "UNAVAILABLE"]);

function isErrorCode(code: string): code is ErrorCode {
  return (errorCodes as string[]).includes(code);
}

/**
 * Turns a failed HTTP answer into the QuireError the server described. A body in Quire's
 * `{"error":{code,message,details}}` shape keeps its code, message and details; anything else
 * (a proxy's HTML page, an empty body) gets the code its status means.
 */
export function errorFromResponse(status: number, bodyText: string, endpoint: string): QuireError {
  const parsed = errorResponseSchema.safeParse(parseJson(bodyText));
  const fallbackCode = codeByStatus[status] ?? (status >= 500 ? "INTERNAL" : "BAD_REQUEST");
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    const known = isErrorCode(code);
    const finalCode = known ? code : fallbackCode;
    return new QuireError(finalCode, message, {
      details: known ? details : { ...details, serverCode: code },
      retryable: retryableCodes.has(finalCode),
    });
  }
  const excerpt = bodyText.trim().slice(0, 200);
  return new QuireError(
    fallbackCode,
    `${endpoint} failed with HTTP ${status}${excerpt === "" ? "" : `: ${excerpt}`}`,
    { details: { status }, retryable: retryableCodes.has(fallbackCode) },
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
