import {
  splitIntoChunks,
  type TestErrorReply,
  type TestRequest,
  type TestTextReply,
  type TestUsage,
} from "./test-reply.js";

/**
 * Anthropic Messages on the wire: the JSON body of `/v1/messages` and its named server-sent
 * events (`message_start`, `content_block_delta`…), as Anthropic's API sends them.
 */

const stopReasons = {
  stop: "end_turn",
  length: "max_tokens",
  tool_calls: "tool_use",
  content_filter: "refusal",
} as const;

function stopReasonOf(reply: TestTextReply): string {
  return stopReasons[reply.finishReason ?? (reply.toolCalls?.length ? "tool_calls" : "stop")];
}

/** Anthropic counts cache reads apart from `input_tokens`. */
function usageBody(usage: TestUsage | null, outputTokens?: number) {
  if (usage === null) return { input_tokens: 0, output_tokens: 0 };
  return {
    input_tokens: usage.promptTokens - usage.cachedTokens,
    output_tokens: outputTokens ?? usage.completionTokens,
    cache_read_input_tokens: usage.cachedTokens,
    cache_creation_input_tokens: 0,
  };
}

function toolUses(reply: TestTextReply, request: TestRequest) {
  return (reply.toolCalls ?? []).map((call, index) => ({
    type: "tool_use",
    id: call.id ?? `toolu_${request.index}_${index}`,
    name: call.name,
    input: call.arguments,
  }));
}

export function anthropicMessageBody(
  reply: TestTextReply,
  request: TestRequest,
  usage: TestUsage | null,
): unknown {
  return {
    id: `msg_test_${request.index}`,
    type: "message",
    role: "assistant",
    model: request.model,
    content: [
      ...(reply.text === "" ? [] : [{ type: "text", text: reply.text }]),
      ...toolUses(reply, request),
    ],
    stop_reason: stopReasonOf(reply),
    stop_sequence: null,
    usage: usageBody(usage),
  };
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function anthropicMessageEvents(
  reply: TestTextReply,
  request: TestRequest,
  usage: TestUsage | null,
): string[] {
  const events = [
    event("message_start", {
      type: "message_start",
      message: {
        id: `msg_test_${request.index}`,
        type: "message",
        role: "assistant",
        model: request.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: usageBody(usage, 1),
      },
    }),
  ];
  let index = 0;
  if (reply.text !== "") {
    events.push(
      event("content_block_start", {
        type: "content_block_start",
        index,
        content_block: { type: "text", text: "" },
      }),
    );
    for (const text of splitIntoChunks(reply.text)) {
      events.push(
        event("content_block_delta", {
          type: "content_block_delta",
          index,
          delta: { type: "text_delta", text },
        }),
      );
    }
    events.push(event("content_block_stop", { type: "content_block_stop", index }));
    index += 1;
  }
  for (const use of toolUses(reply, request)) {
    events.push(
      event("content_block_start", {
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id: use.id, name: use.name, input: {} },
      }),
      event("content_block_delta", {
        type: "content_block_delta",
        index,
        delta: { type: "input_json_delta", partial_json: JSON.stringify(use.input) },
      }),
      event("content_block_stop", { type: "content_block_stop", index }),
    );
    index += 1;
  }
  events.push(
    event("message_delta", {
      type: "message_delta",
      delta: { stop_reason: stopReasonOf(reply), stop_sequence: null },
      usage: { output_tokens: usage?.completionTokens ?? 0 },
    }),
    event("message_stop", { type: "message_stop" }),
  );
  return events;
}

const errorTypes: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

export function anthropicErrorBody(reply: TestErrorReply): unknown {
  return {
    type: "error",
    error: {
      type: reply.code ?? errorTypes[reply.status] ?? "api_error",
      message: reply.message ?? `Test server error ${reply.status}.`,
    },
  };
}
