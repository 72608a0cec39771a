import type {
  JSONObject,
  JSONSchema7,
  LanguageModelV3CallOptions,
  LanguageModelV3ToolChoice,
  SharedV3ProviderOptions,
} from "@ai-sdk/provider";
import type { GenerateRequest, ToolChoice } from "@quire/core";
import type { ProviderKind } from "./provider-config.js";
import { quireOptionsOf } from "./quire-provider-options.js";
import { toProviderPrompt } from "./to-provider-prompt.js";

/**
 * Core's request as the AI SDK's call options. Log-probabilities are asked for through the
 * OpenAI provider's options (the only kind whose SDK returns them); Quire's own provider options
 * (`providerOptions.quire`) are read here and not sent on.
 */
export function toCallOptions(
  request: GenerateRequest,
  kind: ProviderKind,
): LanguageModelV3CallOptions {
  const quire = quireOptionsOf(request);
  const prefix = quire.stablePrefixMessages;
  const options: LanguageModelV3CallOptions = {
    prompt: toProviderPrompt(request.messages, {
      ...(kind === "anthropic" && prefix !== undefined && prefix > 0
        ? { cacheBreakpoint: prefix - 1 }
        : {}),
    }),
  };
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.topP = request.topP;
  if (request.maxOutputTokens !== undefined) options.maxOutputTokens = request.maxOutputTokens;
  if (request.stopSequences !== undefined) options.stopSequences = request.stopSequences;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.presencePenalty !== undefined) options.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) options.frequencyPenalty = request.frequencyPenalty;
  if (request.abortSignal !== undefined) options.abortSignal = request.abortSignal;
  const format = request.responseFormat;
  if (format?.type === "json") {
    options.responseFormat = {
      type: "json",
      // Core's JsonSchema is a plain object; the SDK types the same thing as JSONSchema7.
      ...(format.schema === undefined ? {} : { schema: format.schema as JSONSchema7 }),
      ...(format.name === undefined ? {} : { name: format.name }),
    };
  } else if (format?.type === "text") {
    options.responseFormat = { type: "text" };
  }
  if (request.tools !== undefined && request.tools.length > 0) {
    options.tools = request.tools.map((tool) => ({
      type: "function",
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      inputSchema: tool.parameters as JSONSchema7,
    }));
  }
  if (request.toolChoice !== undefined) options.toolChoice = toToolChoice(request.toolChoice);
  const providerOptions = providerOptionsFor(request, kind);
  if (providerOptions !== undefined) options.providerOptions = providerOptions;
  return options;
}

function toToolChoice(choice: ToolChoice): LanguageModelV3ToolChoice {
  return typeof choice === "string" ? { type: choice } : { type: "tool", toolName: choice.name };
}

function providerOptionsFor(
  request: GenerateRequest,
  kind: ProviderKind,
): SharedV3ProviderOptions | undefined {
  const result: SharedV3ProviderOptions = {};
  for (const [provider, values] of Object.entries(request.providerOptions ?? {})) {
    // Provider options are JSON by contract; core types them as unknown-valued records.
    if (provider !== "quire") result[provider] = values as JSONObject;
  }
  if (request.logprobs === true && kind === "openai") {
    result.openai = { ...result.openai, logprobs: true };
  }
  return Object.keys(result).length === 0 ? undefined : result;
}
