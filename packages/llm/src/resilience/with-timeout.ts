import {
  type GenerateRequest,
  type LanguageModel,
  modelError,
  type QuireError,
  type StreamPart,
} from "@quire/core";
import { type Clock, systemClock } from "./clock.js";
import { linkedAbort } from "./linked-abort.js";
import { streamOf } from "./stream-of.js";

export interface TimeoutOptions {
  /** One call's limit; for a stream, the longest wait for its next part (first token included). */
  timeoutMs: number;
  clock?: Clock;
}

/**
 * Gives up on a call that takes longer than `timeoutMs`: the call is aborted (its HTTP request
 * closed) and a `timeout` model error is thrown. A stream may run as long as it keeps sending;
 * it times out when one part takes longer than `timeoutMs` to come.
 */
export function withTimeout(model: LanguageModel, options: TimeoutOptions): LanguageModel {
  const clock = options.clock ?? systemClock;
  const { timeoutMs } = options;
  const timeoutError = (waitingFor: string): QuireError =>
    modelError("timeout", `${model.modelId}: no ${waitingFor} within ${timeoutMs} ms.`, {
      modelId: model.modelId,
      details: { timeoutMs },
    });

  const wrapped: LanguageModel = {
    modelId: model.modelId,
    async generate(request) {
      const { controller, release } = linkedAbort(request.abortSignal);
      try {
        return await raceTimeout(
          model.generate({ ...request, abortSignal: controller.signal }),
          clock,
          timeoutMs,
          () => {
            const error = timeoutError("answer");
            controller.abort(error);
            return error;
          },
        );
      } finally {
        release();
      }
    },
  };
  wrapped.stream = (request: GenerateRequest) =>
    streamWithTimeout(model, request, clock, timeoutMs, () => timeoutError("stream part"));
  return wrapped;
}

async function* streamWithTimeout(
  model: LanguageModel,
  request: GenerateRequest,
  clock: Clock,
  timeoutMs: number,
  timeoutError: () => QuireError,
): AsyncGenerator<StreamPart> {
  const { controller, release } = linkedAbort(request.abortSignal);
  const iterator = streamOf(model, { ...request, abortSignal: controller.signal })[
    Symbol.asyncIterator
  ]();
  let done = false;
  let timedOut = false;
  try {
    while (true) {
      const next = await raceTimeout(iterator.next(), clock, timeoutMs, () => {
        timedOut = true;
        const error = timeoutError();
        controller.abort(error);
        return error;
      });
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    release();
    // After a timeout the inner stream is still settling its abort: do not wait for it.
    if (!done) {
      const closing = iterator.return?.();
      if (timedOut) closing?.catch(() => undefined);
      else await closing?.catch(() => undefined);
    }
  }
}

/**
 * The reason the timer of `raceTimeout` is cancelled with once the race is decided. A fixed one:
 * `abort()` without a reason builds a DOMException, stack and all, on every model call.
 */
const raceSettled = new Error("the call settled before its timeout");

/** The promise's outcome, or the error from `onTimeout` if `ms` pass first. */
export function raceTimeout<T>(
  promise: Promise<T>,
  clock: Clock,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  const cancel = new AbortController();
  const timeout = new Promise<never>((_, reject) => {
    clock.sleep(ms, cancel.signal).then(
      () => reject(onTimeout()),
      () => undefined,
    );
  });
  return Promise.race([promise, timeout]).finally(() => cancel.abort(raceSettled));
}
