import type { RenderedPart } from "../prompts/prompt-content.js";
import { loadEncoder } from "./load-encoder.js";
import { type EncodingName, tokenizerForModel } from "./model-encoding.js";
import { modelInfo } from "./model-info.js";
import type { ModelInfo } from "./model-table.js";

/**
 * OpenAI chat framing, as in OpenAI's cookbook ("How to count tokens with tiktoken") for
 * gpt-3.5-turbo-0613 and later, gpt-4, gpt-4o: every message costs 3 tokens
 * (`<|start|>{role}<|message|>…<|end|>`) plus its role and content, a `name` costs 1 more, and
 * the reply is primed with 3 (`<|start|>assistant<|message|>`).
 */
export const chatFraming = { perMessage: 3, perName: 1, replyPriming: 3 } as const;

/** A chat message to count: text content, or rendered parts whose text parts are counted. */
export interface TokenMessage {
  role: string;
  content: string | readonly RenderedPart[];
  name?: string;
}

export interface TokenCount {
  tokens: number;
  /** The encoding that produced the count (for an estimate, the one it was scaled from). */
  encoding: EncodingName;
  /** True when the model's own tokenizer is not shipped and the count is an estimate. */
  estimated: boolean;
}

/** Which model to count for; `models` is a model table with overrides (`withModelOverrides`). */
export interface TokenizerOptions {
  model: string;
  /** A table whose entry may set the model's `tokenizer`; the built-in table when absent. */
  models?: readonly ModelInfo[];
}

/** Counts tokens for one model, synchronously, once its encoder is loaded. */
export interface Tokenizer {
  readonly model: string;
  readonly encoding: EncodingName;
  readonly estimated: boolean;
  count(text: string): number;
  countMessages(messages: readonly TokenMessage[]): number;
}

/** The tokenizer for a model, its encoder loaded once (see `loadEncoder`) and shared. */
export async function getTokenizer(options: TokenizerOptions): Promise<Tokenizer> {
  const choice = tokenizerForModel(
    options.model,
    modelInfo(options.model, options.models)?.tokenizer,
  );
  const encoder = await loadEncoder(choice.encoding);
  const count = choice.estimated
    ? (text: string) => Math.ceil(encoder.count(text) * choice.factor)
    : (text: string) => encoder.count(text);
  return {
    model: options.model,
    encoding: choice.encoding,
    estimated: choice.estimated,
    count,
    countMessages(messages) {
      let total = chatFraming.replyPriming;
      for (const message of messages) {
        total += chatFraming.perMessage + count(message.role) + count(messageText(message));
        if (message.name !== undefined) total += chatFraming.perName + count(message.name);
      }
      return total;
    },
  };
}

/** Tokens in a text for a model: exact for OpenAI encodings, else an estimate flagged as such. */
export async function countTokens(text: string, options: TokenizerOptions): Promise<TokenCount> {
  const tokenizer = await getTokenizer(options);
  return {
    tokens: tokenizer.count(text),
    encoding: tokenizer.encoding,
    estimated: tokenizer.estimated,
  };
}

/** Tokens a chat request's messages take, framing included (see `chatFraming`). */
export async function countMessageTokens(
  messages: readonly TokenMessage[],
  options: TokenizerOptions,
): Promise<TokenCount> {
  const tokenizer = await getTokenizer(options);
  return {
    tokens: tokenizer.countMessages(messages),
    encoding: tokenizer.encoding,
    estimated: tokenizer.estimated,
  };
}

/** The text of a message; media parts are not counted (their cost depends on the provider). */
export function messageText(message: TokenMessage): string {
  if (typeof message.content === "string") return message.content;
  let text = "";
  for (const part of message.content) {
    if ("text" in part && typeof part.text === "string") text += part.text;
  }
  return text;
}
