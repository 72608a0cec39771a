/**
 * What the test model server is asked (`TestRequest`) and what a test script tells it to answer
 * (`TestReply`). Tests only: a stand-in for a provider, never a model.
 */

/** One request the server received, parsed. */
export interface TestRequest {
  /** 0 for the first request since the server started (or was reset), 1 for the next… */
  index: number;
  endpoint: "chat" | "messages" | "embeddings";
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (undefined when it was not JSON). */
  body: unknown;
  model: string;
  stream: boolean;
  /** The text of the last user message (chat and messages), or the joined inputs (embeddings). */
  lastUserText: string;
}

export interface TestUsage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the provider's cache (`prompt_tokens_details.cached_tokens`). */
  cachedTokens: number;
}

export interface TestToolCall {
  id?: string;
  name: string;
  arguments: Record<string, unknown>;
}

interface Timing {
  /** Milliseconds to wait before answering (headers included). */
  latencyMs?: number;
}

/** A normal answer. */
export interface TestTextReply extends Timing {
  type: "text";
  text: string;
  toolCalls?: TestToolCall[];
  finishReason?: "stop" | "length" | "tool_calls" | "content_filter";
  /** Overrides of the counted usage; `null` sends no usage at all. */
  usage?: Partial<TestUsage> | null;
  /** Milliseconds between stream chunks. */
  chunkDelayMs?: number;
}

/** An HTTP error with the provider's error body. */
export interface TestErrorReply extends Timing {
  type: "error";
  status: number;
  message?: string;
  /** The provider's error code (`context_length_exceeded`, `insufficient_quota`…). */
  code?: string;
  headers?: Record<string, string>;
}

/** Status 200 with a body (or, streaming, a chunk) that is not valid JSON. */
export interface TestMalformedReply extends Timing {
  type: "malformed";
}

/** The connection is closed mid-way: after `afterChunks` stream chunks, or half-way through a body. */
export interface TestCutReply extends Timing {
  type: "cut";
  afterChunks?: number;
  /** The text the stream would have carried (default: a long echo, so chunks remain to cut). */
  text?: string;
}

export type TestReply = TestTextReply | TestErrorReply | TestMalformedReply | TestCutReply;

/** Decides the answer to each request; return undefined for the default echo. */
export type TestReplyScript = (
  request: TestRequest,
) => TestReply | undefined | Promise<TestReply | undefined>;

/** The default answer: `echo: <last user text>`. */
export function echoReply(request: TestRequest): TestTextReply {
  return { type: "text", text: `echo: ${request.lastUserText}` };
}

/** Sugar for a 429 with `Retry-After: seconds`. */
export function rateLimitedReply(retryAfterSeconds: number): TestErrorReply {
  return {
    type: "error",
    status: 429,
    message: "Rate limit reached; slow down.",
    code: "rate_limit_exceeded",
    headers: { "retry-after": String(retryAfterSeconds) },
  };
}

/** Whitespace-separated words: the server's deterministic stand-in for tokens. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

/** The text split into stream chunks of one word each (the whitespace kept with the word). */
export function splitIntoChunks(text: string): string[] {
  const chunks = text.match(/\S+\s*|\s+/g);
  return chunks ?? [];
}
