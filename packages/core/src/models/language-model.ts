/**
 * The one interface through which Quire calls a language model. Strategies in `core` (self-
 * consistency, ReAct, structured output…) take a `LanguageModel`; the `llm` package implements it
 * for real providers (through the Vercel AI SDK), and tests use the scripted model in
 * `core/src/testing/scripted-model.ts`. Nothing here does I/O.
 */
import type { ChatMessage, ToolCall } from "../model-formats/chat-message.js";
import type { JsonSchema } from "../prompts/prompt-content.js";

/** A tool the model may call; `parameters` is a JSON Schema object for its arguments. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: JsonSchema;
}

export type ToolChoice = "auto" | "none" | "required" | { name: string };

/** Sampling parameters common to the providers Quire supports. */
export interface GenerationParameters {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

export interface GenerateRequest extends GenerationParameters {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** Ask for JSON (optionally constrained by a schema) where the provider supports it. */
  responseFormat?: { type: "text" } | { type: "json"; schema?: JsonSchema; name?: string };
  /** Ask for log-probabilities of the output tokens, where the provider returns them. */
  logprobs?: boolean;
  /** Provider-specific options passed through untouched (e.g. Anthropic cache control). */
  providerOptions?: Record<string, Record<string, unknown>>;
  abortSignal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens the provider served from its prompt cache, when it reports them. */
  cachedInputTokens?: number;
}

export type FinishReason = "stop" | "length" | "tool-calls" | "content-filter" | "error" | "other";

export interface TokenLogprob {
  token: string;
  logprob: number;
}

export interface GenerateResult {
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  /** As reported by the provider; absent when it reported nothing. */
  usage?: TokenUsage;
  /** Per output token, when `logprobs` was asked for and the provider returned them. */
  logprobs?: TokenLogprob[];
  /** The model that answered (`provider/model`), which may differ from the one asked for. */
  modelId: string;
}

export type StreamPart =
  | { type: "text-delta"; text: string }
  | { type: "finish"; result: GenerateResult };

export interface LanguageModel {
  /** `provider/model`, e.g. `openai/gpt-4o-mini`. */
  readonly modelId: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Streams text deltas and ends with exactly one `finish` part. */
  stream?(request: GenerateRequest): AsyncIterable<StreamPart>;
}
