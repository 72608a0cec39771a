import type { EmbeddingModel, LanguageModel } from "@quire/core";
import { CircuitBreakers, type ProviderRegistry } from "@quire/llm";
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
  readonly #registry: ProviderRegistry | undefined;

  constructor(runs: RunsOptions = {}) {
    this.#registry = runs.registry;
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

  /** An assertion's `provider` as a language model (judges), or undefined when not configured. */
  languageModel(modelId: string): LanguageModel | undefined {
    try {
      return this.model(modelId, "an assertion's provider");
    } catch {
      return undefined;
    }
  }

  /** An assertion's `provider` as an embedding model (`similar`), or undefined. */
  embeddingModel(modelId: string): EmbeddingModel | undefined {
    try {
      return this.#registry?.embeddingModel(modelId);
    } catch {
      return undefined;
    }
  }
}
