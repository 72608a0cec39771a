import { createHash } from "node:crypto";
import { canonicalJson, type GenerateRequest } from "@quire/core";

/**
 * Everything of a request that shapes the answer, except the messages: model, prompt, sampling
 * parameters, tools, response format, log-probabilities, provider options. The abort signal is
 * left out.
 */
function scopeOf(modelId: string, request: GenerateRequest, prompt: string | undefined) {
  return {
    version: 1,
    prompt,
    modelId,
    parameters: {
      temperature: request.temperature,
      topP: request.topP,
      maxOutputTokens: request.maxOutputTokens,
      stopSequences: request.stopSequences,
      seed: request.seed,
      presencePenalty: request.presencePenalty,
      frequencyPenalty: request.frequencyPenalty,
    },
    tools: request.tools,
    toolChoice: request.toolChoice,
    responseFormat: request.responseFormat,
    logprobs: request.logprobs,
    providerOptions: request.providerOptions,
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The exact cache's key: SHA-256 of the canonical JSON of the scope and the messages. */
export function responseCacheKey(
  modelId: string,
  request: GenerateRequest,
  prompt?: string,
): string {
  return sha256(
    canonicalJson({ ...scopeOf(modelId, request, prompt), messages: request.messages }),
  );
}

/** The semantic cache's scope: answers are only reused between requests with the same one. */
export function responseCacheScope(
  modelId: string,
  request: GenerateRequest,
  prompt?: string,
): string {
  return sha256(canonicalJson(scopeOf(modelId, request, prompt)));
}
