import {
  type GenerateRequest,
  type GenerateResult,
  isQuireError,
  type LanguageModel,
  type ModelErrorClass,
  modelError,
  modelErrorClassOf,
  QuireError,
  type StreamPart,
} from "@quire/core";
import { type Clock, systemClock } from "./clock.js";
import { streamOf } from "./stream-of.js";
import { withTimeout } from "./with-timeout.js";

/** A model of the chain that failed, and how. */
export interface ModelFailure {
  modelId: string;
  errorClass: ModelErrorClass;
  message: string;
  status?: number;
  durationMs: number;
}

/** An answer from a fallback chain: which model served it and what failed before it. */
export interface FallbackResult extends GenerateResult {
  servedBy: string;
  failures: ModelFailure[];
}

export interface FallbackEntry {
  model: LanguageModel;
  /** This model's own time limit (see `withTimeout`); none when absent. */
  timeoutMs?: number;
}

export interface FallbackOptions {
  clock?: Clock;
  /** Whether an error moves on to the next model (default: any model error). */
  fallBackOn?: (error: QuireError) => boolean;
}

export interface FallbackModel extends LanguageModel {
  generate(request: GenerateRequest): Promise<FallbackResult>;
  stream(request: GenerateRequest): AsyncIterable<StreamPart>;
}

/**
 * Tries the models in order until one answers; each may have its own timeout. The result names
 * the model that served (`servedBy`, also `modelId`) and the failures before it, with their
 * classes. When all fail, the error (class of the last failure) lists every failure in
 * `details.failures`. A stream falls back only while nothing has reached the caller. An abort by
 * the caller, or an error that is not a model error, ends the chain at once.
 */
export function withFallback(
  entries: readonly (LanguageModel | FallbackEntry)[],
  options: FallbackOptions = {},
): FallbackModel {
  const clock = options.clock ?? systemClock;
  const fallBackOn = options.fallBackOn ?? (() => true);
  const chain = entries.map((entry) => {
    const { model, timeoutMs } = "model" in entry ? entry : { model: entry, timeoutMs: undefined };
    return timeoutMs === undefined ? model : withTimeout(model, { timeoutMs, clock });
  });
  const first = chain[0];
  if (first === undefined) {
    throw new QuireError("CONFIG_INVALID", "A fallback chain needs at least one model.");
  }

  /** Records a failure and says whether to go on to the next model. */
  function failed(
    error: unknown,
    model: LanguageModel,
    startedAt: number,
    request: GenerateRequest,
    failures: ModelFailure[],
  ): boolean {
    const errorClass = modelErrorClassOf(error);
    if (errorClass === undefined || !isQuireError(error) || request.abortSignal?.aborted)
      return false;
    const status = error.details.status;
    failures.push({
      modelId: model.modelId,
      errorClass,
      message: error.message,
      ...(typeof status === "number" ? { status } : {}),
      durationMs: clock.now() - startedAt,
    });
    return fallBackOn(error);
  }

  function exhausted(error: unknown, failures: ModelFailure[]): unknown {
    if (failures.length < 2 || !isQuireError(error)) {
      if (isQuireError(error)) error.details.failures = failures;
      return error;
    }
    const list = failures
      .map((failure) => `${failure.modelId} (${failure.errorClass}): ${failure.message}`)
      .join("; ");
    return modelError(
      modelErrorClassOf(error) ?? "provider-error",
      `Every model of the fallback chain failed: ${list}`,
      { cause: error, retryable: error.retryable, details: { failures } },
    );
  }

  return {
    modelId: first.modelId,
    async generate(request) {
      const failures: ModelFailure[] = [];
      for (const [index, model] of chain.entries()) {
        const startedAt = clock.now();
        try {
          const result = await model.generate(request);
          return { ...result, modelId: model.modelId, servedBy: model.modelId, failures };
        } catch (error) {
          const goOn = failed(error, model, startedAt, request, failures);
          if (!goOn || index === chain.length - 1) throw exhausted(error, failures);
        }
      }
      throw new Error("unreachable: the chain is not empty");
    },
    stream(request) {
      return (async function* (): AsyncGenerator<StreamPart> {
        const failures: ModelFailure[] = [];
        for (const [index, model] of chain.entries()) {
          const startedAt = clock.now();
          let started = false;
          try {
            for await (const part of streamOf(model, request)) {
              started = true;
              if (part.type === "finish") {
                const result: FallbackResult = {
                  ...part.result,
                  modelId: model.modelId,
                  servedBy: model.modelId,
                  failures,
                };
                yield { type: "finish", result };
              } else {
                yield part;
              }
            }
            return;
          } catch (error) {
            const goOn = !started && failed(error, model, startedAt, request, failures);
            if (!goOn || index === chain.length - 1) throw exhausted(error, failures);
          }
        }
      })();
    },
  };
}
