import { QuireError } from "../errors/index.js";

/** The largest template accepted unless configured otherwise: 100 KB of UTF-8. */
export const defaultMaxTemplateBytes = 100 * 1024;

/** The length of `text` in UTF-8 bytes, counted without encoding it. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Refuses a template (or the sum of a prompt's message templates) larger than `limit` bytes of
 * UTF-8 with PAYLOAD_TOO_LARGE, naming the size and the limit.
 */
export function assertTemplateSize(
  size: number,
  limit: number = defaultMaxTemplateBytes,
  what = "Template",
): void {
  if (size <= limit) return;
  throw new QuireError(
    "PAYLOAD_TOO_LARGE",
    `${what} is ${size.toLocaleString("en-US")} bytes of UTF-8, over the limit of ${limit.toLocaleString("en-US")} bytes; shorten it, move parts into partials, or raise the maximum template size`,
    { details: { size, limit } },
  );
}

/** Checks one template source against the limit. */
export function assertTemplateSourceSize(source: string, limit?: number, what?: string): void {
  // Every UTF-16 unit is at most 3 bytes, so short sources need no counting.
  if (source.length * 3 <= (limit ?? defaultMaxTemplateBytes)) return;
  assertTemplateSize(utf8ByteLength(source), limit, what);
}
