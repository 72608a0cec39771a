import type { LanguageModel } from "@quire/core";
import { CircuitBreakers } from "@quire/llm";
import { ModelChains } from "../runs/model-chain.js";
import { defaultModelTimeoutMs, type RunsOptions } from "../runs/runs-options.js";

/**
 * The models eval runs call: the configured providers (the registry runs use), each with the
 * runs' timeout, retries and circuits — circuits of its own, so an eval run hammering a failing
 * provider does not open the circuit for the live run path. No cache here: runEvaluation puts
 * the server's response cache in front of them.
 */
export class EvalModels {
  readonly #chains: ModelChains;

  constructor(runs: RunsOptions = {}) {
    this.#chains = new ModelChains({
      registry: runs.registry,
      breakers: new CircuitBreakers({
        ...runs.circuitBreaker,
        ...(runs.clock === undefined ? {} : { clock: runs.clock }),
      }),
      timeoutMs: runs.timeoutMs ?? defaultModelTimeoutMs,
      retry: runs.retry,
      clock: runs.clock,
    });
  }

  configuredModelIds(): string[] {
    return this.#chains.configuredModelIds();
  }

  /** The model of a `provider/model` id; VALIDATION_FAILED (with the known ids) when unknown. */
  model(modelId: string, source: string): LanguageModel {
    return this.#chains.chain([{ modelId, source }], undefined, {}, { ms: 0 }).model;
  }
}
