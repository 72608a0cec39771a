import type { ChatMessage } from "../../model-formats/chat-message.js";
import type { GenerateRequest, GenerationParameters } from "../../models/language-model.js";

/** What every strategy passes through to each model call it makes. */
export interface StrategyCallOptions {
  /** Sampling parameters for every call (a strategy may set a default temperature of its own). */
  parameters?: GenerationParameters;
  /** Provider-specific options, passed through untouched. */
  providerOptions?: GenerateRequest["providerOptions"];
  /** Cancels the strategy: no new call starts once it is aborted. */
  abortSignal?: AbortSignal;
}

/** The request for one call: the caller's parameters, then the strategy's own fields. */
export function requestFor(
  messages: ChatMessage[],
  options: StrategyCallOptions,
  extra: Omit<Partial<GenerateRequest>, "messages"> = {},
): GenerateRequest {
  options.abortSignal?.throwIfAborted();
  return {
    ...options.parameters,
    ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    ...extra,
    messages,
  };
}
