import {
  type GenerateRequest,
  type GenerationParameters,
  type LanguageModel,
  type ModelInfo,
  runStrategy,
  type StrategyRun,
  type TokenUsage,
  type ToolCallLimits,
} from "@quire/core";
import { costOfUsage, type ResponseCache } from "@quire/llm";
import type { CellStrategy } from "./cell-strategy.js";
import type { RenderedForEval } from "./eval-plan.js";

/** What a strategy cell answered, before its assertions. */
export interface StrategyAnswer {
  output: string;
  usage: TokenUsage;
  costUsd: number | null;
  /** True when every model call the strategy made was answered by the cache. */
  cacheHit: boolean;
}

/** The calls go through the cache when there is one; counts the calls and the cache hits. */
function countingModel(
  model: LanguageModel,
  cache: ResponseCache | undefined,
  promptId: string,
): { model: LanguageModel; counts: { calls: number; hits: number } } {
  const counts = { calls: 0, hits: 0 };
  return {
    counts,
    model: {
      modelId: model.modelId,
      async generate(request: GenerateRequest) {
        counts.calls += 1;
        if (cache === undefined) return model.generate(request);
        const result = await cache.generate(model, request, {
          prompt: promptId,
          cacheNonZeroTemperature: true,
          // Tool results make conversations that look alike but must not share answers.
          semantic: false,
        });
        if (result.cacheHit) counts.hits += 1;
        return result;
      },
    },
  };
}

/**
 * The cell's output: the strategy's answer, or — when tool calling stopped at client-side tools
 * (`config.toolDefinitions`, no handler in an evaluation) — those calls as JSON,
 * `[{"name":"get_weather","arguments":{"city":"Paris"}}]`, for is-json, contains-json or
 * javascript assertions to check which tool was called with which arguments. Structured output
 * answers its checked value as JSON (what `/run` returns in `json`), not the model's wrapping
 * text around it.
 */
export function strategyOutput(run: StrategyRun): string {
  if (run.strategy === "structured-output") return JSON.stringify(run.value);
  if (run.strategy === "tool-calling" && run.result.status === "client-tool-calls") {
    const calls = run.result.pendingToolCalls ?? [];
    return JSON.stringify(calls.map((call) => ({ name: call.name, arguments: call.arguments })));
  }
  return run.text;
}

/**
 * Runs the version's strategy for one cell (with the run's tools), through the cache when there
 * is one. A repeat index above 0 goes into `providerOptions.quire.evalRepeat`, as for plain cells.
 * Throws what the strategy throws (model errors, a strategy that cannot run).
 */
export async function answerWithStrategy(
  model: LanguageModel,
  plan: CellStrategy,
  context: {
    promptId: string;
    rendered: RenderedForEval;
    parameters: GenerationParameters;
    repeatIndex: number;
    cache: ResponseCache | undefined;
    modelTable: readonly ModelInfo[] | undefined;
    toolCallLimits?: ToolCallLimits | undefined;
    signal: AbortSignal;
  },
): Promise<StrategyAnswer> {
  const counting = countingModel(model, context.cache, context.promptId);
  const run = await runStrategy(counting.model, {
    messages: context.rendered.messages,
    strategy: plan.strategy,
    parameters: context.parameters,
    tools: plan.tools,
    clientTools: plan.clientTools,
    outputSchema: context.rendered.outputSchema ?? null,
    abortSignal: context.signal,
    ...(context.toolCallLimits === undefined ? {} : { toolCallLimits: context.toolCallLimits }),
    ...(context.repeatIndex > 0
      ? { providerOptions: { quire: { evalRepeat: context.repeatIndex } } }
      : {}),
  });
  const { modelCalls: _calls, unreportedCalls: _unreported, ...usage } = run.usage;
  const cost = costOfUsage(
    usage,
    model.modelId,
    context.modelTable === undefined ? {} : { table: context.modelTable },
  );
  return {
    output: strategyOutput(run),
    usage,
    costUsd: cost === undefined ? null : cost.usd,
    cacheHit: counting.counts.calls > 0 && counting.counts.hits === counting.counts.calls,
  };
}
