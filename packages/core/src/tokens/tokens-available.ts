import { QuireError } from "../errors/index.js";
import { modelInfo } from "./model-info.js";
import type { ModelInfo } from "./model-table.js";

export interface TokensAvailableOptions {
  model: string;
  promptTokens: number;
  /** Tokens kept free for the reply; the model's `maxOutputTokens` when not given. */
  reservedOutput?: number;
  /** The model table to look the model up in (the default one, or one with overrides). */
  models?: readonly ModelInfo[];
}

/**
 * Tokens still free in the model's context window: window − prompt − reserved output. A negative
 * answer is the number of tokens the prompt is over.
 */
export function tokensAvailable(options: TokensAvailableOptions): number {
  const info = modelInfo(options.model, options.models);
  if (info === undefined) {
    throw new QuireError(
      "BAD_REQUEST",
      `Model "${options.model}" is not in the model table, so its context window is unknown; use a known model name or add it under [models] in quire.toml.`,
      { details: { model: options.model } },
    );
  }
  for (const [field, value] of [
    ["promptTokens", options.promptTokens],
    ["reservedOutput", options.reservedOutput],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new QuireError(
        "BAD_REQUEST",
        `${field} must be a whole number of tokens (0 or more), not ${String(value)}.`,
        { details: { field, value } },
      );
    }
  }
  const reserved = options.reservedOutput ?? info.maxOutputTokens;
  return info.contextWindow - options.promptTokens - reserved;
}
