import {
  type ContinuationMessage,
  errorResponseSchema,
  type FallbackEntryRequest,
  type GenerationParameters,
  QuireError,
  type RunResponse,
  type RunStreamEvent,
  runDeltaEventSchema,
  runResponseSchema,
  type StablePrefix,
  type VersionDraft,
} from "@quire/core";
import { errorFromResponse } from "./error-from-response.js";
import { createTransport } from "./http-transport.js";
import { promptPath } from "./prompt-path.js";
import { readServerSentEvents } from "./server-sent-events.js";

export interface RunOptions {
  label?: string;
  version?: number;
  /**
   * Run this unsaved version instead of a stored one (the editor's draft): `template`, and
   * optionally `type`, `engine`, `inputSchema`, `outputSchema`, `config`; omitted fields come from
   * the prompt's latest version, and the prompt need not exist. Nothing is stored; the answer has
   * `version: null` and `draft: true`. Not with `label` or `version`.
   */
  draft?: VersionDraft;
  variables?: Record<string, unknown>;
  /**
   * Continue a tool-calling run: the answer's `continuation` (or `{role: "assistant", toolCalls}`
   * with its `toolCalls`), then one `{role: "tool", toolCallId, content}` per call with the result
   * your application got. The version is rendered as before and the model called again.
   */
  messages?: ContinuationMessage[];
  /** Refuse variables the input schema does not declare. */
  strict?: boolean;
  /** The model to call (default: the version's `config.model`). */
  model?: string;
  /** Generation parameters; they override the version's config and preset. */
  params?: GenerationParameters;
  /** Models to try in order when the model fails (default: the version's `config.fallback`). */
  fallback?: FallbackEntryRequest[];
  /** Absent: temperature-0 answers cached; true: sampled answers too; false: no cache. */
  cache?: boolean;
  /** The first messages to mark for the provider's prompt cache: "system" or a count. */
  stablePrefix?: StablePrefix;
  /** Your end user's id and a session id, stored with the execution. */
  userId?: string;
  sessionId?: string;
  metadata?: Record<string, unknown>;
}

export interface RunMethodsOptions {
  baseUrl: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  /** How long a run may take (a model call is slow); for a stream, until its first text. */
  timeoutMs: number;
}

function runBody(options: RunOptions): Record<string, unknown> {
  if (options.label !== undefined && options.version !== undefined) {
    throw new QuireError(
      "BAD_REQUEST",
      `Pass either a label ("${options.label}") or a version (${options.version}), not both.`,
      { details: { label: options.label, version: options.version } },
    );
  }
  if (
    options.draft !== undefined &&
    (options.label !== undefined || options.version !== undefined)
  ) {
    const field = options.label !== undefined ? "label" : "version";
    throw new QuireError(
      "BAD_REQUEST",
      `Pass either a draft or a ${field}, not both: a draft runs unsaved content, a ${field} a stored version.`,
      { details: { fields: ["draft", field] } },
    );
  }
  const body: Record<string, unknown> = { variables: {} };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) body[key] = value;
  return body;
}

/** `runPrompt` and `streamPrompt`, on their own transport: runs outlast the client's usual timeout. */
export function createRunMethods(options: RunMethodsOptions) {
  const send = createTransport(options);
  return {
    async runPrompt(
      name: string,
      run: RunOptions = {},
      request: { signal?: AbortSignal } = {},
    ): Promise<RunResponse> {
      return send({
        method: "POST",
        path: promptPath(name, "run"),
        body: runBody(run),
        schema: runResponseSchema,
        signal: request.signal,
      });
    },
    streamPrompt(
      name: string,
      run: RunOptions = {},
      request: { signal?: AbortSignal } = {},
    ): AsyncGenerator<RunStreamEvent, void, undefined> {
      return streamRun(
        options,
        promptPath(name, "run"),
        { ...runBody(run), stream: true },
        request,
      );
    },
  };
}

async function* streamRun(
  options: RunMethodsOptions,
  path: string,
  body: Record<string, unknown>,
  request: { signal?: AbortSignal },
): AsyncGenerator<RunStreamEvent, void, undefined> {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const endpoint = `POST ${path}`;
  const untilHeaders = new AbortController();
  const timer = setTimeout(
    () => untilHeaders.abort(new DOMException("timed out", "TimeoutError")),
    options.timeoutMs,
  );
  const signal =
    request.signal === undefined
      ? untilHeaders.signal
      : AbortSignal.any([untilHeaders.signal, request.signal]);
  let response: Response;
  try {
    response = await options.fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: {
        accept: "text/event-stream",
        authorization: `Bearer ${options.apiKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    throw new QuireError(
      "UNAVAILABLE",
      untilHeaders.signal.aborted
        ? `${endpoint} got no answer from ${baseUrl} within ${options.timeoutMs} ms`
        : `Could not reach Quire at ${baseUrl}: is the server running? start it with \`quire serve\``,
      { cause: error, details: { endpoint, url: baseUrl }, retryable: true },
    );
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw errorFromResponse(response.status, await response.text(), endpoint);
  if (response.body === null) throw cutShort(endpoint);
  for await (const event of readServerSentEvents(response.body)) {
    const data = parseData(event.data, endpoint);
    if (event.event === "delta") {
      yield { type: "delta", text: checked(runDeltaEventSchema, data, endpoint).text };
    } else if (event.event === "done") {
      yield { type: "done", result: checked(runResponseSchema, data, endpoint) };
      return;
    } else if (event.event === "error") {
      const { error } = checked(errorResponseSchema, data, endpoint);
      throw errorFromResponse(502, JSON.stringify({ error }), endpoint);
    }
  }
  throw cutShort(endpoint);
}

function cutShort(endpoint: string): QuireError {
  return new QuireError(
    "UNAVAILABLE",
    `${endpoint}: the stream ended before the run's answer (the connection was lost).`,
    { details: { endpoint }, retryable: true },
  );
}

function parseData(text: string, endpoint: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new QuireError(
      "INTERNAL",
      `${endpoint} sent an event whose data is not JSON: ${text.slice(0, 200)}`,
      { details: { endpoint } },
    );
  }
}

function checked<Output>(
  schema: { safeParse(value: unknown): { success: true; data: Output } | { success: false } },
  value: unknown,
  endpoint: string,
): Output {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new QuireError(
    "INTERNAL",
    `${endpoint} sent an event that does not match the API contract; the client and server versions may differ.`,
    { details: { endpoint } },
  );
}
