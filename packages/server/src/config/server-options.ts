import { resolve } from "node:path";
import { defaultRenderLimits, withModelOverrides } from "@quire/core";
import type { ResolvedServerOptions, ServerOptions } from "./server-option-types.js";
import { resolveSetting, settings } from "./server-settings.js";

export {
  type LogLevel,
  logLevels,
  type ResolvedServerOptions,
  type ServerOptions,
} from "./server-option-types.js";

export const defaultPort = 4141;
export const defaultBodyLimitBytes = 1024 * 1024;

/** Validates the options once at start; an invalid value's error names the option and variable. */
export function resolveServerOptions(
  options: ServerOptions = {},
  environment: NodeJS.ProcessEnv = process.env,
): ResolvedServerOptions {
  const dataDirectory =
    resolveSetting(settings.dataDirectory, options.dataDirectory, environment) ?? ".quire";
  return {
    port: resolveSetting(settings.port, options.port, environment) ?? defaultPort,
    host: resolveSetting(settings.host, options.host, environment) ?? "127.0.0.1",
    dataDirectory: resolve(dataDirectory),
    databaseUrl: resolveSetting(settings.databaseUrl, options.databaseUrl, environment),
    bodyLimitBytes:
      resolveSetting(settings.bodyLimitBytes, options.bodyLimitBytes, environment) ??
      defaultBodyLimitBytes,
    logLevel: resolveSetting(settings.logLevel, options.logLevel, environment) ?? "info",
    seedExamples: resolveSetting(settings.seedExamples, options.seedExamples, environment) ?? true,
    handleSignals:
      resolveSetting(settings.handleSignals, options.handleSignals, environment) ?? true,
    models: withModelOverrides(resolveSetting(settings.models, options.models, environment) ?? {}),
    providers: resolveSetting(settings.providers, options.providers, environment) ?? [],
    tools: resolveSetting(settings.tools, options.tools, environment) ?? [],
    toolCallsMaxParallel:
      resolveSetting(settings.toolCallsMaxParallel, options.toolCallsMaxParallel, environment) ?? 4,
    toolCallsMaxPerRound:
      resolveSetting(settings.toolCallsMaxPerRound, options.toolCallsMaxPerRound, environment) ??
      16,
    modelTimeoutMs:
      resolveSetting(settings.modelTimeoutMs, options.modelTimeoutMs, environment) ?? 60_000,
    modelRetries: resolveSetting(settings.modelRetries, options.modelRetries, environment) ?? 2,
    responseCacheTtlMs:
      resolveSetting(settings.responseCacheTtlMs, options.responseCacheTtlMs, environment) ??
      3_600_000,
    responseCacheMaxEntries:
      resolveSetting(
        settings.responseCacheMaxEntries,
        options.responseCacheMaxEntries,
        environment,
      ) ?? 10_000,
    semanticCacheModel: resolveSetting(
      settings.semanticCacheModel,
      options.semanticCacheModel,
      environment,
    ),
    semanticCacheThreshold:
      resolveSetting(
        settings.semanticCacheThreshold,
        options.semanticCacheThreshold,
        environment,
      ) ?? 0.95,
    ...resolveEvalSettings(options, environment),
    corsOrigins: resolveSetting(settings.corsOrigins, options.corsOrigins, environment) ?? [],
    rateLimitPerKeyPerMinute: rateLimitOf(
      resolveSetting(
        settings.rateLimitPerKeyPerMinute,
        options.rateLimitPerKeyPerMinute,
        environment,
      ),
    ),
    failedAuthPerAddressPerMinute:
      resolveSetting(
        settings.failedAuthPerAddressPerMinute,
        options.failedAuthPerAddressPerMinute,
        environment,
      ) ?? 120,
    renderLimits: {
      maxRenderMs:
        resolveSetting(settings.renderMaxMs, options.renderMaxMs, environment) ??
        defaultRenderLimits.maxRenderMs,
      maxOutputBytes:
        resolveSetting(settings.renderMaxOutputBytes, options.renderMaxOutputBytes, environment) ??
        defaultRenderLimits.maxOutputBytes,
      maxLoopIterations:
        resolveSetting(
          settings.renderMaxLoopIterations,
          options.renderMaxLoopIterations,
          environment,
        ) ?? defaultRenderLimits.maxLoopIterations,
    },
    storeExecutionContent:
      resolveSetting(settings.storeExecutionContent, options.storeExecutionContent, environment) ??
      true,
  };
}

function resolveEvalSettings(options: ServerOptions, environment: NodeJS.ProcessEnv) {
  return {
    evalEmbeddingModel:
      resolveSetting(settings.evalEmbeddingModel, options.evalEmbeddingModel, environment) ??
      resolveSetting(settings.semanticCacheModel, options.semanticCacheModel, environment),
    evalConcurrency:
      resolveSetting(settings.evalConcurrency, options.evalConcurrency, environment) ?? 2,
    evalLeaseSeconds:
      resolveSetting(settings.evalLeaseSeconds, options.evalLeaseSeconds, environment) ?? 30,
    evalPollIntervalMs:
      resolveSetting(settings.evalPollIntervalMs, options.evalPollIntervalMs, environment) ?? 1_000,
  };
}

function rateLimitOf(perMinute: number | undefined): number | null {
  if (perMinute === undefined) return 600_000;
  return perMinute === 0 ? null : perMinute;
}
