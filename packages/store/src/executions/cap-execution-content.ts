import { maximumExecutionContentBytes } from "@quire/core";

/** What cut text ends with, so a reader sees it is not the whole. */
export const truncationMarker = "…[truncated]";

export interface CappedContent {
  variables: Record<string, unknown> | null;
  output: string | null;
  /** True when either was cut. */
  truncated: boolean;
}

const encoder = new TextEncoder();

/** UTF-8 size of a text, without encoding it when its length alone settles the question. */
function fits(text: string, maximumBytes: number): boolean {
  if (text.length * 3 <= maximumBytes) return true;
  if (text.length > maximumBytes) return false;
  return encoder.encode(text).length <= maximumBytes;
}

/** The longest start of `text` that is at most `maximumBytes` in UTF-8, never half a character. */
export function cutText(text: string, maximumBytes: number): string {
  if (fits(text, maximumBytes)) return text;
  const room = Math.max(0, maximumBytes - encoder.encode(truncationMarker).length);
  const { read } = encoder.encodeInto(text, new Uint8Array(room));
  return `${text.slice(0, read)}${truncationMarker}`;
}

/** A copy of `value` whose strings longer than `limit` characters are cut to it (with the marker). */
function shortenStrings(value: unknown, limit: number): unknown {
  if (typeof value === "string") {
    return value.length > limit ? `${value.slice(0, limit)}${truncationMarker}` : value;
  }
  if (Array.isArray(value)) return value.map((item) => shortenStrings(item, limit));
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = shortenStrings(item, limit);
    return copy;
  }
  return value;
}

/**
 * Variables whose JSON fits `maximumBytes`: as given when they fit; else with long string values
 * shortened (to 8,192 characters, then halving down to 64) until they fit; else (too many keys or
 * items even then) null. `truncated` says whether anything was changed.
 */
export function capVariables(
  variables: Record<string, unknown>,
  maximumBytes: number,
): { variables: Record<string, unknown> | null; truncated: boolean } {
  if (fits(JSON.stringify(variables), maximumBytes)) return { variables, truncated: false };
  for (let limit = 8_192; limit >= 64; limit /= 2) {
    const shortened = shortenStrings(variables, limit) as Record<string, unknown>;
    if (fits(JSON.stringify(shortened), maximumBytes)) {
      return { variables: shortened, truncated: true };
    }
  }
  return { variables: null, truncated: true };
}

/**
 * An execution's variables and output as the log keeps them: each at most
 * `maximumExecutionContentBytes` (64 KB) of UTF-8, output cut with a marker, variables shortened
 * (see `capVariables`).
 */
export function capExecutionContent(
  variables: Record<string, unknown> | null | undefined,
  output: string | null | undefined,
  maximumBytes = maximumExecutionContentBytes,
): CappedContent {
  const cappedVariables =
    variables === null || variables === undefined
      ? { variables: null, truncated: false }
      : capVariables(variables, maximumBytes);
  const cappedOutput =
    output === null || output === undefined ? null : cutText(output, maximumBytes);
  return {
    variables: cappedVariables.variables,
    output: cappedOutput,
    truncated: cappedVariables.truncated || (cappedOutput !== null && cappedOutput !== output),
  };
}
