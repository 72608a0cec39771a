import {
  type ErrorCode,
  errorCodeForStatus,
  errorCodes,
  errorResponseSchema,
  QuireError,
} from "@quire/core";

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
  const fallbackCode = errorCodeForStatus(status);
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
