import { QuireError } from "@quire/core";
import { errorFromResponse } from "./error-from-response.js";

/** A zod schema, or anything else with zod's `safeParse`. */
export interface ResponseSchema<Output> {
  safeParse(value: unknown):
    | { success: true; data: Output }
    | {
        success: false;
        error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> };
      };
}

export interface TransportOptions {
  baseUrl: string;
  apiKey?: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

export type QueryValue = string | number | boolean | undefined;

export interface TransportRequest<Output> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the base URL, already percent-encoded, e.g. `/v1/prompts/support%2Ftriage`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  schema: ResponseSchema<Output>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type Transport = <Output>(request: TransportRequest<Output>) => Promise<Output>;

/** Sends one JSON request and returns the validated answer, or throws a QuireError. */
export function createTransport(options: TransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  return async (request) => {
    const url = `${baseUrl}${request.path}${queryString(request.query)}`;
    const endpoint = `${request.method} ${request.path}`;
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
    if (request.body !== undefined) headers["content-type"] = "application/json";
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal =
      request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);

    let response: Response;
    let bodyText: string;
    try {
      response = await options.fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      bodyText = await response.text();
    } catch (error) {
      throw networkError(error, baseUrl, endpoint, options.timeoutMs, request.signal);
    }

    if (!response.ok) throw errorFromResponse(response.status, bodyText, endpoint);
    return validate(request.schema, bodyText, endpoint, baseUrl);
  };
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (query === undefined) return "";
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) parameters.set(key, String(value));
  }
  const text = parameters.toString();
  return text === "" ? "" : `?${text}`;
}

function validate<Output>(
  schema: ResponseSchema<Output>,
  bodyText: string,
  endpoint: string,
  baseUrl: string,
): Output {
  let json: unknown;
  try {
    json = bodyText === "" ? undefined : JSON.parse(bodyText);
  } catch {
    throw new QuireError(
      "INTERNAL",
      `${endpoint} at ${baseUrl} answered with a body that is not JSON: ${bodyText.slice(0, 200)}. Is ${baseUrl} a Quire server?`,
      { details: { endpoint } },
    );
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const first = issues[0];
  throw new QuireError(
    "INTERNAL",
    `${endpoint} at ${baseUrl} answered with a body that does not match the API contract` +
      (first === undefined ? "" : ` (${first.path || "body"}: ${first.message})`) +
      "; the client and server versions may differ.",
    { details: { endpoint, issues } },
  );
}

function networkError(
  error: unknown,
  baseUrl: string,
  endpoint: string,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): QuireError {
  if (callerSignal?.aborted) {
    return new QuireError("UNAVAILABLE", `${endpoint} was cancelled by the caller`, {
      cause: error,
      details: { endpoint, url: baseUrl },
    });
  }
  if (error instanceof Error && error.name === "TimeoutError") {
    return new QuireError(
      "UNAVAILABLE",
      `${endpoint} got no answer from ${baseUrl} within ${timeoutMs} ms; is the server overloaded? Retry, or raise timeoutMs.`,
      { cause: error, details: { endpoint, url: baseUrl, timeoutMs }, retryable: true },
    );
  }
  const reason = systemErrorCode(error);
  return new QuireError(
    "UNAVAILABLE",
    `Could not reach Quire at ${baseUrl}${reason === undefined ? "" : ` (${reason})`}: is the server running at ${baseUrl}? start it with \`quire serve\``,
    {
      cause: error,
      details: { endpoint, url: baseUrl, ...(reason === undefined ? {} : { reason }) },
      retryable: true,
    },
  );
}

/**
 * Node's fetch wraps the socket error in `cause`: its code (ECONNREFUSED, ENOTFOUND…) when there
 * is one, else the innermost message (fetch's own refusals, like "bad port").
 */
function systemErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let innermost: string | undefined;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === "string") return code;
    if (depth > 0 && current.message !== "") innermost = current.message;
    current = current.cause;
  }
  return innermost;
}
