import type { GenerateRequest, LanguageModel, StreamPart } from "@quire/core";
import { type CircuitBreaker, CircuitBreakers } from "./circuit-breaker.js";
import { streamOf } from "./stream-of.js";

/** The provider part of `provider/model`. */
export function providerOf(modelId: string): string {
  const slash = modelId.indexOf("/");
  return slash === -1 ? modelId : modelId.slice(0, slash);
}

/**
 * Sends calls through the circuit of the model's provider (`breakers.for(provider)`), so every
 * model of a failing provider is paused together. Give one `CircuitBreakers` to all the models
 * of a process.
 */
export function withCircuitBreaker(
  model: LanguageModel,
  breakers: CircuitBreakers | CircuitBreaker,
): LanguageModel {
  const breaker =
    breakers instanceof CircuitBreakers ? breakers.for(providerOf(model.modelId)) : breakers;
  const settle = (request: GenerateRequest, error?: unknown) => {
    if (error !== undefined && request.abortSignal?.aborted) breaker.release();
    else breaker.record(error);
  };
  const wrapped: LanguageModel = {
    modelId: model.modelId,
    async generate(request) {
      breaker.acquire(model.modelId);
      try {
        const result = await model.generate(request);
        settle(request);
        return result;
      } catch (error) {
        settle(request, error);
        throw error;
      }
    },
  };
  wrapped.stream = (request) =>
    (async function* (): AsyncGenerator<StreamPart> {
      breaker.acquire(model.modelId);
      let settled = false;
      try {
        for await (const part of streamOf(model, request)) {
          if (part.type === "finish") {
            settled = true;
            settle(request);
          }
          yield part;
        }
      } catch (error) {
        if (!settled) {
          settled = true;
          settle(request, error);
        }
        throw error;
      } finally {
        // The consumer stopped reading: nothing was learned about the provider.
        if (!settled) breaker.release();
      }
    })();
  return wrapped;
}
