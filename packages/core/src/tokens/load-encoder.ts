import type { EncodingName } from "./model-encoding.js";

/** The part of a gpt-tokenizer encoding Quire uses. */
export interface TokenEncoder {
  /** Tokens in the text, special-token text (`<|endoftext|>`) counted as ordinary text. */
  count(text: string): number;
}

const noSpecialTokens = { disallowedSpecial: new Set<string>() };
const loading = new Map<EncodingName, Promise<TokenEncoder>>();
const loaded = new Map<EncodingName, TokenEncoder>();

/**
 * The encoder for an encoding, loaded once on first use (a dynamic import, so a browser bundle
 * fetches the 1–2 MB rank table only when tokens are counted) and reused by every later call.
 * Call it at start (or `preloadEncoders()`) to keep the load off the request path.
 */
export function loadEncoder(encoding: EncodingName): Promise<TokenEncoder> {
  const existing = loading.get(encoding);
  if (existing !== undefined) return existing;
  const promise = importEncoding(encoding).then((api) => {
    const encoder: TokenEncoder = { count: (text) => api.countTokens(text, noSpecialTokens) };
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

async function importEncoding(encoding: EncodingName) {
  switch (encoding) {
    case "o200k_base":
      return (await import("gpt-tokenizer/encoding/o200k_base")).default;
    case "cl100k_base":
      return (await import("gpt-tokenizer/encoding/cl100k_base")).default;
  }
}
