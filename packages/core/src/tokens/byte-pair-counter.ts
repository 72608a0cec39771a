import { cl100kPieceEnd, o200kPieceEnd, piecePatterns } from "./ascii-pieces.js";
import type { EncodingName } from "./model-encoding.js";

/**
 * A rank table as gpt-tokenizer ships it (`gpt-tokenizer/bpeRanks/<encoding>`): the index is the
 * token's rank, the value its text, or its bytes when they are not valid UTF-8 on their own.
 */
export type RankTable = readonly (string | readonly number[] | undefined)[];

/** Counts tokens of a text; special-token text (`<|endoftext|>`) counts as ordinary text. */
export type TokenCounter = (text: string) => number;

const mergeCacheLimit = 100_000;
const utf8 = new TextEncoder();

/**
 * Byte-pair-encoding token counts, as tiktoken's `encode_ordinary(text).length` gives them:
 * split the text into pieces (`ascii-pieces.ts`), count a piece that is a token as one, and merge
 * the bytes of any other piece by rank, lowest first, as tiktoken's `_byte_pair_merge` does.
 * Only counts are computed (no token arrays), and the counts of merged pieces are cached.
 * Build it once per encoding (about 0.1–0.3 s for 200k ranks); it is then synchronous and pure.
 */
export function createTokenCounter(encoding: EncodingName, table: RankTable): TokenCounter {
  const ranks = rankMap(table);
  const pattern = new RegExp(piecePatterns[encoding]);
  const pieceEnd = encoding === "o200k_base" ? o200kPieceEnd : cl100kPieceEnd;
  const merged = new Map<string, number>();

  const countMerged = (piece: string, bytes: string): number => {
    if (merged.size >= mergeCacheLimit) merged.clear();
    const count = ranks.has(bytes) ? 1 : mergeCount(bytes, ranks);
    merged.set(piece, count);
    return count;
  };

  return (text) => {
    let total = 0;
    let start = 0;
    const length = text.length;
    while (start < length) {
      let end = pieceEnd(text, start);
      const ascii = end !== -1;
      if (!ascii) {
        pattern.lastIndex = start;
        const match = pattern.exec(text);
        // Every character matches some alternative of the pattern, so this cannot be null.
        end = start + (match === null ? 1 : (match[0] as string).length);
      }
      const piece = end === start + 1 && ascii ? (text[start] as string) : text.slice(start, end);
      start = end;
      if (ascii && ranks.has(piece)) {
        total += 1;
        continue;
      }
      total += merged.get(piece) ?? countMerged(piece, ascii ? piece : binaryString(piece));
    }
    return total;
  };
}

/** The ranks keyed by "binary strings": one character per byte (code 0–255). */
function rankMap(table: RankTable): Map<string, number> {
  const ranks = new Map<string, number>();
  table.forEach((token, rank) => {
    if (token === undefined) return;
    ranks.set(typeof token === "string" ? binaryString(token) : bytesToBinary(token), rank);
  });
  return ranks;
}

/** A text's UTF-8 bytes, one character per byte; ASCII text is its own binary string. */
export function binaryString(text: string): string {
  const bytes = utf8.encode(text);
  return bytes.length === text.length ? text : bytesToBinary(bytes);
}

function bytesToBinary(bytes: ArrayLike<number>): string {
  let result = "";
  for (let index = 0; index < bytes.length; index += 1) {
    result += String.fromCharCode(bytes[index] as number);
  }
  return result;
}

/**
 * How many tokens a piece that is not itself a token becomes: start from single bytes, merge the
 * adjacent pair of lowest rank (the leftmost on a tie) until no pair is a token.
 */
function mergeCount(bytes: string, ranks: Map<string, number>): number {
  const length = bytes.length;
  if (length < 2) return length;
  const none = Number.POSITIVE_INFINITY;
  // starts[i]: where part i begins; pairRanks[i]: rank of parts i and i+1 joined.
  const starts: number[] = [];
  const pairRanks: number[] = [];
  for (let index = 0; index <= length; index += 1) {
    starts.push(index);
    pairRanks.push(index < length - 1 ? (ranks.get(bytes.slice(index, index + 2)) ?? none) : none);
  }
  const rankAt = (index: number): number => {
    const end = starts[index + 2];
    return end === undefined ? none : (ranks.get(bytes.slice(starts[index], end)) ?? none);
  };
  while (starts.length > 1) {
    let lowest = none;
    let lowestIndex = -1;
    for (let index = 0; index < pairRanks.length - 1; index += 1) {
      const rank = pairRanks[index] as number;
      if (rank < lowest) {
        lowest = rank;
        lowestIndex = index;
      }
    }
    if (lowestIndex === -1) break;
    starts.splice(lowestIndex + 1, 1);
    pairRanks.splice(lowestIndex, 1);
    pairRanks[lowestIndex] = rankAt(lowestIndex);
    if (lowestIndex > 0) pairRanks[lowestIndex - 1] = rankAt(lowestIndex - 1);
  }
  return starts.length - 1;
}
