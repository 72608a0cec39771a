import type {
  LanguageModelV3FinishReason,
  LanguageModelV3ToolCall,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider";
import {
  type FinishReason,
  modelError,
  type TokenLogprob,
  type TokenUsage,
  type ToolCall,
} from "@quire/core";

/**
 * Usage as core reports it: `inputTokens` counts every input token, cached ones included (as
 * OpenAI reports it; the SDK adds Anthropic's cache reads and writes to its total), and
 * `cachedInputTokens` says how many of them were read from the provider's prompt cache.
 * Undefined when the provider reported no token counts at all.
 */
export function toTokenUsage(usage: LanguageModelV3Usage | undefined): TokenUsage | undefined {
  const input = usage?.inputTokens.total;
  const output = usage?.outputTokens.total;
  if (input === undefined && output === undefined) return undefined;
  const cached = usage?.inputTokens.cacheRead;
  return {
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
  };
}

export function toFinishReason(reason: LanguageModelV3FinishReason): FinishReason {
  return reason.unified;
}

/** A tool call with its JSON arguments parsed; arguments that are not a JSON object are refused. */
export function toToolCall(call: LanguageModelV3ToolCall, modelId: string): ToolCall {
  let parsed: unknown;
  try {
    parsed = call.input.trim() === "" ? {} : JSON.parse(call.input);
  } catch (error) {
    throw modelError(
      "malformed-response",
      `${modelId}: the model called tool "${call.toolName}" with arguments that are not JSON.`,
      { modelId, cause: error, details: { tool: call.toolName } },
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw modelError(
      "malformed-response",
      `${modelId}: the model called tool "${call.toolName}" with arguments that are not a JSON object.`,
      { modelId, details: { tool: call.toolName } },
    );
  }
  return { id: call.toolCallId, name: call.toolName, arguments: parsed as Record<string, unknown> };
}

/** Log-probabilities from the OpenAI provider's metadata (`[{token, logprob, top_logprobs}]`). */
export function toLogprobs(
  metadata: SharedV3ProviderMetadata | undefined,
): TokenLogprob[] | undefined {
  const list = metadata?.openai?.logprobs;
  if (!Array.isArray(list)) return undefined;
  const result: TokenLogprob[] = [];
  for (const entry of list) {
    if (entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
      const { token, logprob } = entry as { token?: unknown; logprob?: unknown };
      if (typeof token === "string" && typeof logprob === "number") result.push({ token, logprob });
    }
  }
  return result;
}
