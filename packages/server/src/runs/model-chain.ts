import { isQuireError, type LanguageModel, QuireError } from "@quire/core";
import {
  type CacheContext,
  type CircuitBreakers,
  type FallbackEntry,
  type FallbackModel,
  type ProviderRegistry,
  withFallback,
  withResilience,
} from "@quire/llm";
import type { ModelCache } from "./model-cache.js";
import { type ProviderTime, timedModel } from "./provider-time.js";
import type { RunsOptions } from "./runs-options.js";

/** One model a run may call, and where the run got it from (for error messages). */
export interface ChainEntry {
  modelId: string;
  timeoutMs?: number | undefined;
  /** `the request's model`, `the version's config.model`, `config.fallback[1]`… */
  source: string;
}

export interface ModelChainSettings {
  registry: ProviderRegistry | undefined;
  breakers: CircuitBreakers;
  timeoutMs: number;
  retry: RunsOptions["retry"];
  clock: RunsOptions["clock"];
}

/** The models of a run, and the chain that calls them (cache, then retries, per model). */
export interface ModelChain {
  /** Canonical ids (`provider/model`), in order. */
  modelIds: string[];
  model: FallbackModel;
}

/**
 * Builds the model chain of each run, per model, innermost first: the provider's model (from the
 * registry, made once), timed into the run's `ProviderTime`, its attempt timeout, its provider's
 * circuit (shared by the process), retries, the response cache (keyed by the model that
 * answers); then the fallback chain around them. The wrappers are a few closures per run.
 */
export class ModelChains {
  constructor(private readonly settings: ModelChainSettings) {}

  /** The configured language model ids, `provider/model`. */
  configuredModelIds(): string[] {
    return this.settings.registry?.languageModelIds() ?? [];
  }

  chain(
    entries: readonly ChainEntry[],
    cache: ModelCache | undefined,
    context: CacheContext,
    time: ProviderTime,
  ): ModelChain {
    const resolved: FallbackEntry[] = entries.map((entry) => {
      const base = this.resilientModel(entry, time);
      const model = cache === undefined ? base : cache.wrap(base, context);
      return entry.timeoutMs === undefined ? { model } : { model, timeoutMs: entry.timeoutMs };
    });
    const model = withFallback(
      resolved,
      this.settings.clock === undefined ? {} : { clock: this.settings.clock },
    );
    return { modelIds: resolved.map((entry) => entry.model.modelId), model };
  }

  private resilientModel(entry: ChainEntry, time: ProviderTime): LanguageModel {
    const { registry, breakers, timeoutMs, retry, clock } = this.settings;
    let model: LanguageModel;
    try {
      if (registry === undefined) throw noProvidersError(entry);
      model = registry.languageModel(entry.modelId);
    } catch (error) {
      if (this.configuredModelIds().length === 0) throw noProvidersError(entry);
      throw withSource(error, entry);
    }
    return withResilience(timedModel(model, time), {
      timeoutMs,
      breakers,
      ...(retry === undefined ? {} : { retry }),
      ...(clock === undefined ? {} : { clock }),
    });
  }
}

function noProvidersError(entry: ChainEntry): QuireError {
  return new QuireError(
    "VALIDATION_FAILED",
    `Cannot run: this server has no model providers configured (the run asked for "${entry.modelId}", from ${entry.source}). Add a [[providers]] table to quire.toml — name, kind ("openai", "anthropic" or "openai-compatible"), baseUrl, models, apiKeyEnv (the name of the variable holding the key) — and restart quire serve.`,
    {
      details: {
        modelId: entry.modelId,
        source: entry.source,
        configured: [],
        example:
          '[[providers]]\nname = "local"\nkind = "openai-compatible"\nbaseUrl = "http://127.0.0.1:11434/v1"\nmodels = ["llama3.1:8b"]',
      },
    },
  );
}

/** The registry's "unknown model" error, saying where the run took the model id from. */
function withSource(error: unknown, entry: ChainEntry): unknown {
  if (!isQuireError(error) || error.code !== "VALIDATION_FAILED") return error;
  return new QuireError(
    "VALIDATION_FAILED",
    `${error.message.replace(/\.$/, "")} (the model came from ${entry.source}).`,
    { cause: error, details: { ...error.details, source: entry.source } },
  );
}
