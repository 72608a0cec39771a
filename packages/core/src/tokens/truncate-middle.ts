import type { Tokenizer } from "./tokenizer.js";

export interface TruncatedText {
  text: string;
  /** Tokens of the original text left out (0 when it already fitted). */
  omittedTokens: number;
  truncated: boolean;
}

/** The visible marker that stands for the omitted middle: `[… 1,234 tokens omitted …]`. */
export function omissionMarker(omittedTokens: number): string {
  const digits = String(omittedTokens).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `\n[… ${digits} tokens omitted …]\n`;
}

/**
 * Fits a long text into a token budget by keeping its start and its end (equal lengths) around
 * an omission marker. A text that fits comes back unchanged; a budget too small even for the
 * marker gives the empty text.
 */
export function truncateMiddle(
  text: string,
  options: { budget: number; tokenizer: Tokenizer },
): TruncatedText {
  const { budget, tokenizer } = options;
  const total = tokenizer.count(text);
  if (total <= budget) return { text, omittedTokens: 0, truncated: false };

  const candidate = (keep: number): { text: string; omittedTokens: number } => {
    const head = text.slice(0, headEnd(text, keep));
    const tail = text.slice(tailStart(text, keep));
    const omittedTokens = Math.max(1, total - tokenizer.count(head) - tokenizer.count(tail));
    return { text: head + omissionMarker(omittedTokens) + tail, omittedTokens };
  };
  let best = candidate(0);
  if (tokenizer.count(best.text) > budget)
    return { text: "", omittedTokens: total, truncated: true };

  // Tokens grow with the kept length (almost monotonically), so search the longest that fits,
  // checking each candidate so the answer always fits even where the growth is not monotonic.
  let low = 0;
  let high = Math.floor((text.length - 1) / 2);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const attempt = candidate(middle);
    if (tokenizer.count(attempt.text) <= budget) {
      best = attempt;
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return { ...best, truncated: true };
}

/** The end of the kept start, moved back so it never splits a surrogate pair. */
function headEnd(text: string, keep: number): number {
  const code = text.charCodeAt(keep - 1);
  return keep > 0 && code >= 0xd800 && code <= 0xdbff ? keep - 1 : keep;
}

/** The start of the kept end, moved forward so it never splits a surrogate pair. */
function tailStart(text: string, keep: number): number {
  const start = text.length - keep;
  const code = text.charCodeAt(start);
  return keep > 0 && code >= 0xdc00 && code <= 0xdfff ? start + 1 : start;
}
