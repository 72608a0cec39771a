import { isRecord } from "./read-test-request.js";
import {
  splitIntoChunks,
  type TestErrorReply,
  type TestRequest,
  type TestTextReply,
  type TestUsage,
} from "./test-reply.js";

/**
 * OpenAI Chat Completions on the wire: the JSON body of `/v1/chat/completions` and its
 * server-sent-event chunks, as the OpenAI API sends them.
 */

const created = 1_700_000_000;

function usageBody(usage: TestUsage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens },
  };
}

function wantsLogprobs(request: TestRequest): boolean {
  return isRecord(request.body) && request.body.logprobs === true;
}

/** A deterministic log-probability for the n-th output token. */
function logprobOf(index: number): number {
  return -Math.round((index + 1) * 10) / 100;
}

function toolCallsBody(reply: TestTextReply, request: TestRequest) {
  return (reply.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_${request.index}_${index}`,
    type: "function",
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

function finishReasonOf(reply: TestTextReply): string {
  return reply.finishReason ?? (reply.toolCalls?.length ? "tool_calls" : "stop");
}

export function chatCompletionBody(
  reply: TestTextReply,
  request: TestRequest,
  usage: TestUsage | null,
): unknown {
  const toolCalls = toolCallsBody(reply, request);
  const chunks = splitIntoChunks(reply.text);
  return {
    id: `chatcmpl-test-${request.index}`,
    object: "chat.completion",
    created,
    model: request.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.text,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: wantsLogprobs(request)
          ? {
              content: chunks.map((token, index) => ({
                token,
                logprob: logprobOf(index),
                top_logprobs: [],
              })),
            }
          : null,
        finish_reason: finishReasonOf(reply),
      },
    ],
    ...(usage === null ? {} : { usage: usageBody(usage) }),
  };
}

/** The `data:` payloads of a streamed completion, `[DONE]` last. */
export function chatCompletionChunks(
  reply: TestTextReply,
  request: TestRequest,
  usage: TestUsage | null,
): string[] {
  const base = {
    id: `chatcmpl-test-${request.index}`,
    object: "chat.completion.chunk",
    created,
    model: request.model,
  };
  const logprobs = wantsLogprobs(request);
  const payloads: unknown[] = [
    {
      ...base,
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }],
    },
  ];
  splitIntoChunks(reply.text).forEach((content, index) => {
    payloads.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { content },
          logprobs: logprobs
            ? { content: [{ token: content, logprob: logprobOf(index), top_logprobs: [] }] }
            : null,
          finish_reason: null,
        },
      ],
    });
  });
  toolCallsBody(reply, request).forEach((call, index) => {
    payloads.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: {
            tool_calls: [
              { index, id: call.id, type: "function", function: { name: call.function.name } },
            ],
          },
          finish_reason: null,
        },
      ],
    });
    payloads.push({
      ...base,
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index, function: { arguments: call.function.arguments } }] },
          finish_reason: null,
        },
      ],
    });
  });
  payloads.push({
    ...base,
    choices: [{ index: 0, delta: {}, finish_reason: finishReasonOf(reply) }],
  });
  const streamOptions = isRecord(request.body) ? request.body.stream_options : undefined;
  if (usage !== null && isRecord(streamOptions) && streamOptions.include_usage === true) {
    payloads.push({ ...base, choices: [], usage: usageBody(usage) });
  }
  return [...payloads.map((payload) => `data: ${JSON.stringify(payload)}\n\n`), "data: [DONE]\n\n"];
}

export function openAiErrorBody(reply: TestErrorReply): unknown {
  return {
    error: {
      message: reply.message ?? `Test server error ${reply.status}.`,
      type: reply.status >= 500 ? "server_error" : "invalid_request_error",
      param: null,
      code: reply.code ?? null,
    },
  };
}
