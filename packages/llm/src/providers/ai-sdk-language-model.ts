import type { LanguageModelV3, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import {
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  modelError,
  type StreamPart,
  type TokenLogprob,
  type ToolCall,
} from "@quire/core";
import { classifyModelError, type ModelErrorContext } from "../errors/classify-model-error.js";
import { toFinishReason, toLogprobs, toTokenUsage, toToolCall } from "./from-provider-result.js";
import type { ProviderKind } from "./provider-config.js";
import { toCallOptions } from "./to-call-options.js";

export interface ProviderModelContext extends ModelErrorContext {
  kind: ProviderKind;
}

/**
 * A `LanguageModel` over an AI SDK provider model, called through the SDK's model specification
 * (`doGenerate` / `doStream`) so nothing runs that Quire does itself: no SDK retries, no tool
 * loop, no output parsing. Errors leave as classified model errors.
 */
export function createAiSdkLanguageModel(
  sdkModel: LanguageModelV3,
  context: ProviderModelContext,
): LanguageModel {
  const { modelId } = context;
  return {
    modelId,
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      try {
        const result = await sdkModel.doGenerate(toCallOptions(request, context.kind));
        let text = "";
        const toolCalls: ToolCall[] = [];
        for (const part of result.content) {
          if (part.type === "text") text += part.text;
          else if (part.type === "tool-call") toolCalls.push(toToolCall(part, modelId));
        }
        const usage = toTokenUsage(result.usage);
        const logprobs =
          request.logprobs === true ? toLogprobs(result.providerMetadata) : undefined;
        return {
          text,
          toolCalls,
          finishReason: toFinishReason(result.finishReason),
          ...(usage === undefined ? {} : { usage }),
          ...(logprobs === undefined ? {} : { logprobs }),
          modelId,
        };
      } catch (error) {
        throw classifyModelError(error, { ...context, now: Date.now() });
      }
    },
    stream(request: GenerateRequest): AsyncIterable<StreamPart> {
      return streamParts(sdkModel, request, context);
    },
  };
}

async function* streamParts(
  sdkModel: LanguageModelV3,
  request: GenerateRequest,
  context: ProviderModelContext,
): AsyncGenerator<StreamPart> {
  const { modelId } = context;
  let reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart> | undefined;
  let finished = false;
  try {
    const { stream } = await sdkModel.doStream(toCallOptions(request, context.kind));
    reader = stream.getReader();
    let text = "";
    const toolCalls: ToolCall[] = [];
    let finish: Extract<LanguageModelV3StreamPart, { type: "finish" }> | undefined;
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      switch (value.type) {
        case "text-delta":
          if (value.delta !== "") {
            text += value.delta;
            yield { type: "text-delta", text: value.delta };
          }
          break;
        case "tool-call":
          toolCalls.push(toToolCall(value, modelId));
          break;
        case "finish":
          finish = value;
          break;
        case "error":
          throw value.error;
      }
    }
    finished = true;
    if (finish === undefined) {
      throw modelError(
        "malformed-response",
        `${modelId}: the provider's stream ended without saying it was finished.`,
        { modelId },
      );
    }
    const usage = toTokenUsage(finish.usage);
    const logprobs: TokenLogprob[] | undefined =
      request.logprobs === true ? toLogprobs(finish.providerMetadata) : undefined;
    yield {
      type: "finish",
      result: {
        text,
        toolCalls,
        finishReason: toFinishReason(finish.finishReason),
        ...(usage === undefined ? {} : { usage }),
        ...(logprobs === undefined ? {} : { logprobs }),
        modelId,
      },
    };
  } catch (error) {
    throw classifyModelError(error, { ...context, now: Date.now() });
  } finally {
    // A consumer that stops early (or an error) must not leave the HTTP response open.
    if (reader !== undefined && !finished) await reader.cancel().catch(() => undefined);
  }
}
