/**
 * A deterministic scripted `LanguageModel` for tests (excluded from the build: never a provider).
 *
 * Script it with a list of responses, consumed one per call, and/or a function of the request,
 * used once the list is used up (or for every call when there is no list):
 *
 * ```ts
 * const model = new ScriptedModel({
 *   responses: [
 *     "Paris",                                                  // plain text
 *     { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] },
 *     { text: "42", logprobs: [{ token: "42", logprob: -0.1 }] },
 *     modelError("rate-limit", "Too many requests", { retryAfterSeconds: 2 }), // thrown
 *   ],
 *   respond: (request) => (lastUserText(request).includes("2+2") ? "4" : "I don't know"),
 * });
 * await model.generate({ messages: [userMessage("2+2?")] });
 * model.requests; // every request received, messages copied as they were at the call
 * ```
 *
 * Usage is estimated (about 4 characters a token) unless a reply gives its own or `usage: null`.
 * `stream` cuts the text into word-sized deltas and ends with one `finish` part; a reply with
 * `failAfterDeltas` throws its `error` after that many deltas (a stream cut mid-way).
 */
import type { QuireError } from "../errors/index.js";
import type { ChatMessage, ToolCall } from "../model-formats/chat-message.js";
import type {
  FinishReason,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  StreamPart,
  TokenLogprob,
  TokenUsage,
} from "../models/language-model.js";
import { modelError } from "../models/model-error.js";

/** One scripted answer. Every field is optional; an empty reply answers with empty text. */
export interface ScriptedReply {
  text?: string;
  /** Tool calls to return; a missing `id` becomes `call_<call number>_<position>`. */
  toolCalls?: Array<Omit<ToolCall, "id"> & { id?: string }>;
  /** Default: `tool-calls` when there are tool calls, else `stop`. */
  finishReason?: FinishReason;
  /** Reported usage; `null` reports none; absent estimates it from the characters. */
  usage?: TokenUsage | null;
  logprobs?: TokenLogprob[];
  /** The model that "answered"; default the scripted model's id. */
  modelId?: string;
  /** Thrown instead of answering (with `failAfterDeltas`, thrown mid-stream by `stream`). */
  error?: unknown;
  /** With `error`: how many text deltas `stream` yields before throwing (generate just throws). */
  failAfterDeltas?: number;
  /** Milliseconds to wait before answering (honours the request's abort signal). */
  delayMs?: number;
}

/** What a script step may be: text, a reply, or an error to throw (a QuireError or any Error). */
export type ScriptedResponse = string | ScriptedReply | QuireError | Error;

/** Answers a call from its request; `callIndex` counts calls from 0. */
export type ScriptedResponder = (
  request: GenerateRequest,
  callIndex: number,
) => ScriptedResponse | Promise<ScriptedResponse>;

export interface ScriptedModelOptions {
  /** Default `scripted/test-model`. */
  modelId?: string;
  /** Answers for the first calls, in order. */
  responses?: ScriptedResponse[];
  /** Answers every call after the list (or every call, without a list). */
  respond?: ScriptedResponder;
}

/** A deterministic stand-in for a provider; see the file comment for the script format. */
export class ScriptedModel implements LanguageModel {
  readonly modelId: string;
  /** Every request received, in order (messages and tools copied at the time of the call). */
  readonly requests: GenerateRequest[] = [];
  private readonly responses: ScriptedResponse[];
  private readonly respond: ScriptedResponder | undefined;

  constructor(options: ScriptedModelOptions = {}) {
    this.modelId = options.modelId ?? "scripted/test-model";
    this.responses = [...(options.responses ?? [])];
    this.respond = options.respond;
  }

  /** How many calls (generate and stream) the model has received. */
  get callCount(): number {
    return this.requests.length;
  }

  /** The last request received; throws when there was none. */
  get lastRequest(): GenerateRequest {
    const last = this.requests.at(-1);
    if (last === undefined) throw new Error("ScriptedModel: no request received yet");
    return last;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { reply, callIndex } = await this.nextReply(request);
    await waitFor(reply.delayMs, request.abortSignal);
    if (reply.error !== undefined) throw reply.error;
    return this.resultOf(reply, request, callIndex);
  }

  async *stream(request: GenerateRequest): AsyncIterable<StreamPart> {
    const { reply, callIndex } = await this.nextReply(request);
    await waitFor(reply.delayMs, request.abortSignal);
    if (reply.error !== undefined && reply.failAfterDeltas === undefined) throw reply.error;
    const deltas = (reply.text ?? "").match(/\S+\s*|\s+/g) ?? [];
    for (const [index, text] of deltas.entries()) {
      if (reply.error !== undefined && index === reply.failAfterDeltas) throw reply.error;
      request.abortSignal?.throwIfAborted();
      yield { type: "text-delta", text };
    }
    if (reply.error !== undefined) throw reply.error;
    yield { type: "finish", result: this.resultOf(reply, request, callIndex) };
  }

  private async nextReply(
    request: GenerateRequest,
  ): Promise<{ reply: ScriptedReply; callIndex: number }> {
    const callIndex = this.requests.length;
    this.requests.push(snapshot(request));
    request.abortSignal?.throwIfAborted();
    let response: ScriptedResponse | undefined;
    if (callIndex < this.responses.length) response = this.responses[callIndex];
    else if (this.respond !== undefined) response = await this.respond(request, callIndex);
    if (response === undefined) {
      throw modelError(
        "provider-error",
        `ScriptedModel: no response scripted for call ${callIndex + 1} (the script has ${this.responses.length} responses and no respond function)`,
        { modelId: this.modelId, retryable: false },
      );
    }
    if (typeof response === "string") return { reply: { text: response }, callIndex };
    if (response instanceof Error) return { reply: { error: response }, callIndex };
    return { reply: response, callIndex };
  }

  private resultOf(
    reply: ScriptedReply,
    request: GenerateRequest,
    callIndex: number,
  ): GenerateResult {
    const text = reply.text ?? "";
    const toolCalls = (reply.toolCalls ?? []).map((call, position) => ({
      id: call.id ?? `call_${callIndex + 1}_${position + 1}`,
      name: call.name,
      arguments: call.arguments,
    }));
    const usage = reply.usage === undefined ? estimatedUsage(request, text) : reply.usage;
    return {
      text,
      toolCalls,
      finishReason: reply.finishReason ?? (toolCalls.length > 0 ? "tool-calls" : "stop"),
      ...(usage === null ? {} : { usage }),
      ...(reply.logprobs === undefined ? {} : { logprobs: reply.logprobs }),
      modelId: reply.modelId ?? this.modelId,
    };
  }
}

/** Shorthand for `new ScriptedModel(...)`: a list of responses, or a responder, or both. */
export function scriptedModel(
  script: ScriptedResponse[] | ScriptedResponder | ScriptedModelOptions,
): ScriptedModel {
  if (Array.isArray(script)) return new ScriptedModel({ responses: script });
  if (typeof script === "function") return new ScriptedModel({ respond: script });
  return new ScriptedModel(script);
}

/** The text of a message's text parts, joined. */
export function messageText(message: ChatMessage): string {
  return message.content
    .map((part) => (part.type === "text" ? part.text : ""))
    .filter((text) => text !== "")
    .join("\n");
}

/** The text of the request's last user message ("" when it has none): what a responder answers. */
export function lastUserText(request: GenerateRequest): string {
  const last = request.messages.findLast((message) => message.role === "user");
  return last === undefined ? "" : messageText(last);
}

/** Every message's text, one per line as `role: text`, to match a whole conversation. */
export function conversationText(request: GenerateRequest): string {
  return request.messages.map((message) => `${message.role}: ${messageText(message)}`).join("\n");
}

/** A user message holding one text part. */
export function userMessage(text: string): ChatMessage {
  return { role: "user", content: [{ type: "text", text }] };
}

/** The same error a provider adapter would throw, for scripts: `modelError` re-exported. */
export { modelError };

function snapshot(request: GenerateRequest): GenerateRequest {
  const { abortSignal, ...data } = request;
  const copy = structuredClone(data) as GenerateRequest;
  if (abortSignal !== undefined) copy.abortSignal = abortSignal;
  return copy;
}

function estimatedUsage(request: GenerateRequest, text: string): TokenUsage {
  const inputCharacters = request.messages.reduce(
    (total, message) => total + messageText(message).length,
    0,
  );
  return { inputTokens: Math.ceil(inputCharacters / 4), outputTokens: Math.ceil(text.length / 4) };
}

function waitFor(milliseconds: number | undefined, signal: AbortSignal | undefined): Promise<void> {
  if (milliseconds === undefined || milliseconds <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
