import type { ModelInfo, RunCost, RunUsage } from "@quire/core";
import { costOfResult, type ModelFailure } from "@quire/llm";
import type { RecordedCall } from "./call-recorder.js";

/** What a run's model calls add up to. */
export interface CallSummary {
  usage: RunUsage;
  /** Undefined when a call's model has no price in the model table. */
  cost: RunCost | undefined;
  /** The model that gave the last answer; undefined when no call answered. */
  servedBy: string | undefined;
  /** Every failure before a model answered, over all the calls. */
  failures: ModelFailure[];
  /** Every call was answered by the response cache (and there was at least one). */
  cacheHit: boolean;
  finishReason: string | undefined;
}

/**
 * Sums the calls: usage as the providers reported it (Quire's count where they reported none,
 * flagged), cost from the model table — a cache hit costs nothing now and its original cost is
 * counted as saved.
 */
export async function summarizeCalls(
  calls: readonly RecordedCall[],
  table: readonly ModelInfo[],
): Promise<CallSummary> {
  const usage: RunUsage = {
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    estimated: false,
    modelCalls: calls.length,
  };
  let cost: RunCost | undefined = { usd: 0, estimated: false, savedUsd: 0 };
  const failures: ModelFailure[] = [];
  for (const call of calls) {
    const counted = await costOfResult(call.messages, call.result, { table });
    usage.inputTokens += counted.usage.inputTokens;
    usage.outputTokens += counted.usage.outputTokens;
    usage.cachedInputTokens += counted.usage.cachedInputTokens ?? 0;
    usage.estimated ||= counted.usageEstimated;
    if (counted.cost === undefined) cost = undefined;
    else if (cost !== undefined) {
      if (call.result.cacheHit === true) cost.savedUsd += counted.cost.usd;
      else cost.usd += counted.cost.usd;
      cost.estimated ||= counted.cost.estimated;
    }
    failures.push(...(call.result.failures ?? []));
  }
  const last = calls.at(-1)?.result;
  return {
    usage,
    cost,
    servedBy: last === undefined ? undefined : (last.servedBy ?? last.modelId),
    failures,
    cacheHit: calls.length > 0 && calls.every((call) => call.result.cacheHit === true),
    finishReason: last?.finishReason,
  };
}
