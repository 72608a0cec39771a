import { isQuireError, type LanguageModel, QuireError } from "@quire/core";
import {
  type CacheContext,
  type CircuitBreakers,
  type FallbackEntry,
  type FallbackModel,
  type ProviderRegistry,
  type ResponseCache,
  withFallback,
  withResilience,
} from "@quire/llm";
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
 * Builds the model chains of runs: each model wrapped once in its timeout, its provider's circuit
 * and retries (kept per model id); per run, the response cache in front of each model (keyed by
 * the model that answers) and the fallback chain around them.
 */
export class ModelChains {
  private readonly resilient = new Map<string, LanguageModel>();

  constructor(private readonly settings: ModelChainSettings) {}

  /** The configured language model ids, `provider/model`. */
  configuredModelIds(): string[] {
    return this.settings.registry?.languageModelIds() ?? [];
  }

  chain(entries: readonly ChainEntry[], cache: ResponseCache | undefined, context: CacheContext) {
    const resolved: FallbackEntry[] = entries.map((entry) => {
      const base = this.resilientModel(entry);
      const model = cache === undefined ? base : cache.wrap(base, context);
      return entry.timeoutMs === undefined ? { model } : { model, timeoutMs: entry.timeoutMs };
    });
    const model = withFallback(
      resolved,
      this.settings.clock === undefined ? {} : { clock: this.settings.clock },
    );
    return { modelIds: resolved.map((entry) => entry.model.modelId), model } satisfies ModelChain;
  }

  private resilientModel(entry: ChainEntry): LanguageModel {
    const known = this.resilient.get(entry.modelId);
    if (known !== undefined) return known;
    const { registry, breakers, timeoutMs, retry, clock } = this.settings;
    const configured = this.configuredModelIds();
    if (registry === undefined || configured.length === 0) throw noProvidersError(entry);
    let model: LanguageModel;
    try {
      model = registry.languageModel(entry.modelId);
    } catch (error) {
      throw withSource(error, entry);
    }
    const wrapped = withResilience(model, {
      timeoutMs,
      breakers,
      ...(retry === undefined ? {} : { retry }),
      ...(clock === undefined ? {} : { clock }),
    });
    this.resilient.set(entry.modelId, wrapped);
    return wrapped;
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
