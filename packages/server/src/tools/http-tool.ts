import { BodyTooLargeError, readLimitedBody } from "./read-limited-body.js";

/** An HTTP tool as the registry resolved it at start. */
export interface HttpToolEndpoint {
  name: string;
  url: string;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Header values, read from the environment variables the config names. */
  headers: Record<string, string>;
  /** Variables a header names that were not set at start: every call fails, naming them. */
  missingVariables: string[];
}

/** What the endpoint answered was wrong (status, JSON): said as it is, not as "unreachable". */
class ToolAnswerError extends Error {}

/** Most characters of an error response's body quoted in the tool result. */
const quotedBodyCharacters = 500;

function quoted(body: string): string {
  const text = body.trim();
  if (text === "") return "";
  return text.length <= quotedBodyCharacters
    ? `: ${text}`
    : `: ${text.slice(0, quotedBodyCharacters)}… (${text.length - quotedBodyCharacters} more characters)`;
}

/** undici says "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND, "bad port"…). */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return typeof code === "string" ? code : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one call of an HTTP tool: POSTs `{"name", "arguments"}` as JSON and answers the body
 * (parsed when the response says JSON, else the text). Throws an Error whose message says what
 * went wrong without naming the endpoint (the model reads it): no answer within the time limit,
 * unreachable, a status other than 2xx (redirects included), a body over the size limit, or
 * JSON that does not parse. An abort of `signal` (the client went away) is thrown as it is.
 */
export async function callHttpTool(
  endpoint: HttpToolEndpoint,
  argumentsValue: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<unknown> {
  if (endpoint.missingVariables.length > 0) {
    const names = endpoint.missingVariables.join(", ");
    throw new Error(
      `the tool is not usable: its headers need the environment variable${endpoint.missingVariables.length === 1 ? "" : "s"} ${names}, not set when the server started`,
    );
  }
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), endpoint.timeoutMs);
  const combined =
    signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]);
  try {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        ...endpoint.headers,
        "content-type": "application/json",
        accept: "application/json, text/plain;q=0.9, */*;q=0.1",
      },
      body: JSON.stringify({ name: endpoint.name, arguments: argumentsValue }),
      redirect: "manual",
      signal: combined,
    });
    const body = await readLimitedBody(response, endpoint.maxResponseBytes);
    if (response.status < 200 || response.status > 299) {
      const redirect = response.status >= 300 && response.status < 400;
      throw new ToolAnswerError(
        `the endpoint answered HTTP ${response.status}${redirect ? " (redirects are not followed)" : ""}${quoted(body)}`,
      );
    }
    const type = response.headers.get("content-type") ?? "";
    if (!/[/+]json\b/i.test(type)) return body;
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new ToolAnswerError(
        `the endpoint answered ${type} that is not valid JSON${quoted(body)}`,
      );
    }
  } catch (error) {
    signal?.throwIfAborted();
    if (timeout.signal.aborted) {
      throw new Error(`the endpoint did not answer within ${endpoint.timeoutMs} ms`);
    }
    if (error instanceof BodyTooLargeError) {
      throw new Error(
        `the endpoint answered more than ${endpoint.maxResponseBytes} bytes (the tool's maxResponseBytes)`,
      );
    }
    if (error instanceof ToolAnswerError) throw error;
    throw new Error(`the endpoint could not be reached (${networkReason(error)})`);
  } finally {
    clearTimeout(timer);
  }
}
