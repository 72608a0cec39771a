import {
  type AssertionServices,
  type EmbeddingModel,
  type LanguageModel,
  QuireError,
  type StrategyTool,
} from "@quire/core";
import type { EvalPlan } from "@quire/engine";
import {
  createProviderRegistry,
  type ProviderRegistry,
  type ResponseCache,
  withResilience,
} from "@quire/llm";
import type { CliContext } from "../cli-context.js";
import { type Connection, type ConnectionFlags, connect } from "../commands/connection.js";
import { localRenderLimits } from "../config/local-render-limits.js";
import type { ResolvedConfig } from "../config/resolve-config.js";
import { buildEvalPrompts } from "./eval-prompts.js";
import { buildEvalModels, resolveModelId } from "./eval-providers.js";
import { evalTools } from "./eval-tools.js";
import { loadJudgePrompts } from "./judge-prompts.js";
import type { LoadedEvalConfig } from "./load-eval-config.js";

export interface SetupOptions {
  loaded: LoadedEvalConfig;
  quireConfig: ResolvedConfig;
  connectionFlags: ConnectionFlags;
  context: CliContext;
  repeat: number;
  maxRetries: number;
  timeoutMs: number;
  cache: ResponseCache | undefined;
  /** engine's `createJavaScriptRunner().runJavaScript`, for `javascript` assertions. */
  runJavaScript: NonNullable<AssertionServices["runJavaScript"]>;
}

export interface EvalSetup {
  plan: EvalPlan;
  services: AssertionServices;
  quireConfig: ResolvedConfig;
  /** quire.toml's `[[tools]]`, for prompts whose config names tools (ReAct, tool calling). */
  tools: StrategyTool[];
}

/**
 * Everything the run needs from the config and quire.toml: the plan (prompts × models × cases)
 * and the assertion services (judge and embedding models, the javascript runner).
 */
export async function setUpEvaluation(options: SetupOptions): Promise<EvalSetup> {
  const { loaded, context } = options;
  const { quireConfig } = options;
  const registry = createProviderRegistry(
    { providers: quireConfig.file?.values.providers ?? [] },
    context.environment,
  );
  let connection: Connection | undefined;
  const client = () => {
    connection ??= connect(options.connectionFlags, context);
    return connection.client;
  };
  const prompts = await buildEvalPrompts(loaded.prompts, {
    configDirectory: loaded.directory,
    workingDirectory: context.workingDirectory,
    configLabel: loaded.file.label,
    client,
    renderLimits: localRenderLimits(quireConfig, context.environment),
  });
  const models = buildEvalModels(loaded.providers, {
    registry,
    maxRetries: options.maxRetries,
    timeoutMs: options.timeoutMs,
    configLabel: loaded.file.label,
  });
  const tools = await evalTools(quireConfig, context.environment, (message) =>
    context.stderr.write(`warning: ${message}\n`),
  );
  const services = assertionServices(options, registry);
  const judgePrompts = await loadJudgePrompts(loaded, context.workingDirectory, client);
  if (judgePrompts !== undefined) services.judgePrompts = judgePrompts;
  return {
    plan: {
      prompts,
      models,
      cases: loaded.cases,
      repeat: options.repeat,
      defaultAssertions: loaded.defaultAssertions,
    },
    services,
    quireConfig,
    tools,
  };
}

function assertionServices(options: SetupOptions, registry: ProviderRegistry): AssertionServices {
  const { loaded, cache } = options;
  const label = loaded.file.label;
  const resilient = (model: LanguageModel) => {
    const wrapped = withResilience(model, {
      timeoutMs: options.timeoutMs,
      retry: { maxRetries: options.maxRetries },
    });
    return cache === undefined ? wrapped : cache.wrap(wrapped, { cacheNonZeroTemperature: true });
  };
  const languageModel = (written: string, where: string): LanguageModel => {
    try {
      return resilient(registry.languageModel(resolveModelId(written, registry, where)));
    } catch (error) {
      throw new QuireError("VALIDATION_FAILED", `${where}: ${(error as Error).message}`, {
        cause: error,
        details: { model: written },
      });
    }
  };
  const services: AssertionServices = {
    modelFor: (modelId) => {
      try {
        return resilient(registry.languageModel(resolveModelId(modelId, registry, label)));
      } catch {
        try {
          return registry.embeddingModel(modelId) as EmbeddingModel;
        } catch {
          return undefined;
        }
      }
    },
  };
  if (loaded.judge !== undefined) {
    services.judgeModel = languageModel(loaded.judge, `${label} grading.provider`);
  }
  const embedding = loaded.config.grading?.embeddingProvider;
  if (embedding !== undefined) {
    try {
      services.embeddingModel = registry.embeddingModel(embedding);
    } catch (error) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `${label} grading.embeddingProvider: ${(error as Error).message}`,
        {
          cause: error,
          details: { model: embedding },
        },
      );
    }
  }
  if (loaded.config.grading?.javascript !== false) {
    services.runJavaScript = options.runJavaScript;
  }
  return services;
}
