import { QuireError } from "@quire/core";
import { errorFromResponse } from "./error-from-response.js";

export interface RawRequestOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

export interface RawRequestSignal {
  signal?: AbortSignal;
}

export function checked<Output>(
  schema: { safeParse(value: unknown): { success: true; data: Output } | { success: false } },
  value: unknown,
  endpoint: string,
): Output {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new QuireError(
      "INTERNAL",
      `${endpoint} answered a body this client does not understand.`,
      {
        details: { endpoint },
      },
    );
  }
  return parsed.data;
}

/** One request whose body or answer is not JSON (files, event streams); a failure is a QuireError. */
export function rawRequester(options: RawRequestOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  return async (
    method: "GET" | "POST" | "DELETE",
    path: string,
    request: RawRequestSignal | undefined,
    body?: { body: string; contentType: string; headers?: Record<string, string> },
  ): Promise<Response> => {
    const endpoint = `${method} ${path.split("?")[0] ?? path}`;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      response = await options.fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          ...(body === undefined ? {} : { ...body.headers, "content-type": body.contentType }),
        },
        ...(body === undefined ? {} : { body: body.body }),
        signal:
          request?.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]),
      });
    } catch (error) {
      throw new QuireError(
        "UNAVAILABLE",
        `Could not reach Quire at ${baseUrl} (${endpoint}): is the server running?`,
        {
          cause: error,
          details: { endpoint, url: baseUrl },
          retryable: true,
        },
      );
    }
    if (!response.ok) throw errorFromResponse(response.status, await response.text(), endpoint);
    return response;
  };
}
