import { createTokenCounter, type RankTable } from "./byte-pair-counter.js";
import type { EncodingName } from "./model-encoding.js";

/** What Quire needs of an encoding: exact counts. */
export interface TokenEncoder {
  /** Tokens in the text, special-token text (`<|endoftext|>`) counted as ordinary text. */
  count(text: string): number;
}

const loading = new Map<EncodingName, Promise<TokenEncoder>>();
const loaded = new Map<EncodingName, TokenEncoder>();

/**
 * The encoder for an encoding, loaded once on first use (a dynamic import of gpt-tokenizer's rank
 * table, so a browser bundle fetches its 1–2 MB only when tokens are counted; then about 0.2 s
 * to index it) and reused by every later call. Call it at start (or `preloadEncoders()`) to keep
 * the load off the request path. Counting is Quire's `createTokenCounter` over that table: the
 * same counts as tiktoken, about 1.6× gpt-tokenizer's speed (docs/benchmarks.md).
 */
export function loadEncoder(encoding: EncodingName): Promise<TokenEncoder> {
  const existing = loading.get(encoding);
  if (existing !== undefined) return existing;
  const promise = importRanks(encoding).then((table) => {
    const encoder: TokenEncoder = { count: createTokenCounter(encoding, table) };
    loaded.set(encoding, encoder);
    return encoder;
  });
  loading.set(encoding, promise);
  // A failed load (a bundler that dropped the chunk) may be retried by the next call.
  promise.catch(() => loading.delete(encoding));
  return promise;
}

/** The encoder if it has finished loading, without waiting. */
export function loadedEncoder(encoding: EncodingName): TokenEncoder | undefined {
  return loaded.get(encoding);
}

/** Loads both encodings (for a server's start-up). */
export async function preloadEncoders(): Promise<void> {
  await Promise.all([loadEncoder("o200k_base"), loadEncoder("cl100k_base")]);
}

async function importRanks(encoding: EncodingName): Promise<RankTable> {
  switch (encoding) {
    case "o200k_base":
      return (await import("gpt-tokenizer/bpeRanks/o200k_base")).default;
    case "cl100k_base":
      return (await import("gpt-tokenizer/bpeRanks/cl100k_base")).default;
  }
}
