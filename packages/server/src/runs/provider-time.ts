import type { LanguageModel } from "@quire/core";

/** Milliseconds a run spent inside provider calls (answered by the provider, not the cache). */
export interface ProviderTime {
  ms: number;
}

/**
 * The model with its `generate` calls timed into `time`: what a run spends waiting on the
 * provider, so the rest is Quire's own (the `Server-Timing` header of a run). Streams pass
 * through untimed: their time is the client's reading as much as the provider's.
 */
export function timedModel(model: LanguageModel, time: ProviderTime): LanguageModel {
  const timed: LanguageModel = {
    modelId: model.modelId,
    async generate(request) {
      const started = performance.now();
      try {
        return await model.generate(request);
      } finally {
        time.ms += performance.now() - started;
      }
    },
  };
  const { stream } = model;
  return stream === undefined
    ? timed
    : { ...timed, stream: (request) => stream.call(model, request) };
}
