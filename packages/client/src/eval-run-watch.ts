import {
  type EvalRun,
  type EvalRunProgressEvent,
  errorResponseSchema,
  evalRunProgressEventSchema,
  evalRunSchema,
  QuireError,
} from "@quire/core";
import { errorFromResponse } from "./error-from-response.js";
import {
  checked,
  type RawRequestOptions,
  type RawRequestSignal,
  rawRequester,
} from "./raw-request.js";
import { readServerSentEvents } from "./server-sent-events.js";

/** What an eval run's event stream yields: progress, then the finished run. */
export type EvalRunEvent =
  | { type: "progress"; progress: EvalRunProgressEvent }
  | { type: "done"; run: EvalRun };

/** Reads `GET /v1/eval-runs/{id}/events` until its `done` event. */
export async function* watchRun(
  options: RawRequestOptions,
  path: string,
  request: RawRequestSignal | undefined,
): AsyncGenerator<EvalRunEvent, void, undefined> {
  const endpoint = `GET ${path}`;
  const response = await rawRequester({ ...options, timeoutMs: 2_147_483_647 })(
    "GET",
    path,
    request,
  );
  if (response.body === null) return;
  for await (const event of readServerSentEvents(response.body)) {
    const data: unknown = JSON.parse(event.data);
    if (event.event === "progress") {
      yield { type: "progress", progress: checked(evalRunProgressEventSchema, data, endpoint) };
    } else if (event.event === "done") {
      yield { type: "done", run: checked(evalRunSchema, data, endpoint) };
      return;
    } else if (event.event === "error") {
      const { error } = checked(errorResponseSchema, data, endpoint);
      throw errorFromResponse(500, JSON.stringify({ error }), endpoint);
    }
  }
  throw new QuireError(
    "UNAVAILABLE",
    `${endpoint}: the stream ended before the run finished (the connection was lost).`,
    {
      details: { endpoint },
      retryable: true,
    },
  );
}
