import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoContentGeneratedError,
  TypeValidationError,
} from "@ai-sdk/provider";
import { type ModelErrorClass, modelError, modelErrorClassOf, type QuireError } from "@quire/core";
import { redactSecrets } from "./redact-secrets.js";
import { retryAfterSeconds } from "./retry-after.js";

/** What the classifier needs to say which model failed and how to fix it. */
export interface ModelErrorContext {
  /** `provider/model`. */
  modelId: string;
  /** The API's base URL, named when the provider cannot be reached. */
  baseUrl?: string;
  /** The environment variable holding the key, named when the key is refused. */
  apiKeyEnv?: string;
  /** Values that must never appear in a message (the API key). */
  secrets?: readonly string[];
  /** For `Retry-After` given as a date. */
  now?: number;
}

const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ConnectionRefused",
  "ConnectionClosed",
]);

const contextTooLong =
  /context_length_exceeded|maximum context length|context window|prompt is too long|too many tokens|string_above_max_length|request_too_large|input is too long/i;
const contentFiltered =
  /content_filter|content_policy|content management policy|safety system|responsible ai|flagged/i;
const parseFailure = /"name":"AI_(JSONParseError|TypeValidationError)"/;
const quotaExhausted = /insufficient_quota|exceeded your current quota|billing/i;

/**
 * Turns whatever a provider call threw into a model error (`modelError` from core) with one of
 * the classes: auth, rate-limit, timeout, context-too-long, content-filtered, provider-error,
 * malformed-response, unavailable. Retryable: 408, 409, 429 (unless the quota is spent), 5xx,
 * lost connections; no other 4xx. A model error passes through unchanged; so does an abort the
 * caller asked for (whoever aborted reports it).
 */
export function classifyModelError(error: unknown, context: ModelErrorContext): unknown {
  if (modelErrorClassOf(error) !== undefined) return error;
  if (isAbort(error)) return error;
  const secrets = context.secrets ?? [];
  const make = (
    errorClass: ModelErrorClass,
    message: string,
    extra: { status?: number; retryAfterSeconds?: number; retryable?: boolean } = {},
  ): QuireError =>
    modelError(errorClass, redactSecrets(message, secrets), {
      modelId: context.modelId,
      cause: error,
      ...extra,
    });
  const model = context.modelId;

  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const said = providerMessage(error, secrets);
    if (status === undefined) {
      if (isMalformed(error.cause)) {
        return make(
          "malformed-response",
          `${model}: the provider's answer could not be read (${said}).`,
        );
      }
      return make("unavailable", unreachable(context, error.cause ?? error));
    }
    if (status < 400 && isNetworkError(error.cause)) {
      return make(
        "unavailable",
        `${model}: the connection to the provider was lost mid-answer (${describe(error.cause)}).`,
        { status },
      );
    }
    // The Anthropic client reports a stream it could not parse as a made-up HTTP 500 whose
    // body is the parse error.
    if (isMalformed(error.cause) || status < 400 || parseFailure.test(error.responseBody ?? "")) {
      return make(
        "malformed-response",
        `${model}: the provider's answer could not be read (${describe(error.cause ?? error)}).`,
        { status },
      );
    }
    return classifyStatus(status, said, error, context, make);
  }
  if (
    isMalformed(error) ||
    EmptyResponseBodyError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error)
  ) {
    return make(
      "malformed-response",
      `${model}: the provider's answer could not be read (${describe(error)}).`,
    );
  }
  if (LoadAPIKeyError.isInstance(error)) {
    return make("auth", `${model}: no API key (${describe(error)}).`);
  }
  if (error instanceof Error && error.name === "TimeoutError") {
    return make("timeout", `${model}: the call timed out (${describe(error)}).`);
  }
  if (isNetworkError(error)) {
    return make("unavailable", unreachable(context, error));
  }
  return make("provider-error", `${model}: the call failed: ${describe(error)}.`, {
    retryable: false,
  });
}

type Make = (
  errorClass: ModelErrorClass,
  message: string,
  extra?: { status?: number; retryAfterSeconds?: number; retryable?: boolean },
) => QuireError;

function classifyStatus(
  status: number,
  said: string,
  error: APICallError,
  context: ModelErrorContext,
  make: Make,
): QuireError {
  const model = context.modelId;
  const body = `${error.responseBody ?? ""} ${error.message}`;
  const retryAfter = retryAfterSeconds(error.responseHeaders, context.now);
  const wait = retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter };
  if (status === 401 || status === 403) {
    const where = context.apiKeyEnv === undefined ? "" : ` Check the key in ${context.apiKeyEnv}.`;
    return make(
      "auth",
      `${model}: the provider refused the request (HTTP ${status}: ${said}).${where}`,
      {
        status,
      },
    );
  }
  if (status === 429) {
    if (quotaExhausted.test(body)) {
      return make(
        "rate-limit",
        `${model}: the provider's quota for this key is spent (HTTP 429: ${said}); add credit or use another key.`,
        { status, retryable: false },
      );
    }
    const after = retryAfter === undefined ? "" : `; it asks to wait ${retryAfter} s`;
    return make(
      "rate-limit",
      `${model}: rate limited by the provider (HTTP 429: ${said})${after}.`,
      {
        status,
        ...wait,
      },
    );
  }
  if (status === 408) {
    return make("timeout", `${model}: the provider timed out (HTTP 408: ${said}).`, {
      status,
      ...wait,
    });
  }
  if (status === 413 || (status >= 400 && status < 500 && contextTooLong.test(body))) {
    return make(
      "context-too-long",
      `${model}: the prompt is longer than the model accepts (HTTP ${status}: ${said}); shorten the input or truncate the history.`,
      { status },
    );
  }
  if (status >= 400 && status < 500 && contentFiltered.test(body)) {
    return make(
      "content-filtered",
      `${model}: the provider's content filter refused the request (HTTP ${status}: ${said}).`,
      { status },
    );
  }
  if (status === 502 || status === 503 || status === 504 || status === 529) {
    return make("unavailable", `${model}: the provider is unavailable (HTTP ${status}: ${said}).`, {
      status,
      ...wait,
    });
  }
  if (status >= 500) {
    return make("provider-error", `${model}: the provider failed (HTTP ${status}: ${said}).`, {
      status,
      ...wait,
    });
  }
  // 409 is a conflict the provider expects to clear; other 4xx will fail the same way again.
  return make(
    "provider-error",
    `${model}: the provider rejected the request (HTTP ${status}: ${said}).`,
    { status, retryable: status === 409 },
  );
}

function unreachable(context: ModelErrorContext, cause: unknown): string {
  const where =
    context.baseUrl === undefined ? "the provider" : `the provider at ${context.baseUrl}`;
  return `${context.modelId}: could not reach ${where} (${describe(cause)}); check that it is running and that baseUrl is right.`;
}

function providerMessage(error: APICallError, secrets: readonly string[]): string {
  return truncate(redactSecrets(error.message, secrets));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return truncate(`${error.message}${cause}${typeof code === "string" ? ` [${code}]` : ""}`);
  }
  return truncate(String(error));
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function isMalformed(error: unknown): boolean {
  return (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error)
  );
}

function isAbort(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === "AbortError" || error.name === "ResponseAborted")
  );
}

/** A lost or refused connection, anywhere in the cause chain; undici says `terminated` mid-body. */
function isNetworkError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && networkCodes.has(code)) return true;
    if (
      current instanceof TypeError &&
      /^(terminated|fetch failed|failed to fetch)$/i.test(current.message)
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
