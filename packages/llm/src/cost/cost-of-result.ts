import {
  type ChatMessage,
  countMessageTokens,
  countTokens,
  type GenerateResult,
  type ModelInfo,
  type TokenUsage,
} from "@quire/core";
import { type Cost, costOfUsage, modelNameOf } from "./cost-of-usage.js";

export interface ResultCost {
  /** The provider's reported usage, or Quire's estimate when it reported none. */
  usage: TokenUsage;
  usageEstimated: boolean;
  /** Undefined when the model table has no price for the model. */
  cost: Cost | undefined;
}

/**
 * The cost of an answer: from the usage the provider reported when it did, otherwise from
 * Quire's own token count of the messages and the answer (exact for OpenAI encodings, a flagged
 * estimate elsewhere), with `estimated: true`.
 */
export async function costOfResult(
  messages: readonly ChatMessage[],
  result: GenerateResult,
  options: { table?: readonly ModelInfo[] } = {},
): Promise<ResultCost> {
  const table = options.table === undefined ? {} : { table: options.table };
  if (result.usage !== undefined) {
    return {
      usage: result.usage,
      usageEstimated: false,
      cost: costOfUsage(result.usage, result.modelId, table),
    };
  }
  const usage = await estimateUsage(messages, result);
  return {
    usage,
    usageEstimated: true,
    cost: costOfUsage(usage, result.modelId, { ...table, estimated: true }),
  };
}

/** Quire's count of a call's tokens: the messages with chat framing, and the answer. */
export async function estimateUsage(
  messages: readonly ChatMessage[],
  result: GenerateResult,
): Promise<TokenUsage> {
  const model = modelNameOf(result.modelId);
  const input = await countMessageTokens(
    messages.map((message) => ({
      role: message.role,
      content: message.content.map((part) => (part.type === "text" ? part.text : "")).join(""),
    })),
    { model },
  );
  const calls = result.toolCalls.map((call) => `${call.name}${JSON.stringify(call.arguments)}`);
  const output = await countTokens([result.text, ...calls].join(""), { model });
  return { inputTokens: input.tokens, outputTokens: output.tokens };
}
