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

/** Pieces longer than this merge through a heap (O(n log n)) instead of rescanning (O(n²)). */
const longPiece = 256;

/**
 * How many tokens a piece that is not itself a token becomes: start from single bytes, merge the
 * adjacent pair of lowest rank (the leftmost on a tie) until no pair is a token.
 */
function mergeCount(bytes: string, ranks: Map<string, number>): number {
  const length = bytes.length;
  if (length < 2) return length;
  if (length > longPiece) return mergeCountLong(bytes, ranks);
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

/**
 * The same merges as `mergeCount` for long pieces (a 100 KB run of one letter is one piece, and
 * rescanning it after every merge would take minutes): parts in a linked list, candidate pairs in
 * a heap ordered by (rank, start), so the pair taken is the lowest rank and on a tie the leftmost,
 * as in the rescanning loop. A heap entry whose parts have changed since is skipped.
 */
function mergeCountLong(bytes: string, ranks: Map<string, number>): number {
  const length = bytes.length;
  // Part i covers bytes [i, ends[i]); next[i]/previous[i] link the live parts (-1 at the ends).
  const ends = new Int32Array(length);
  const next = new Int32Array(length);
  const previous = new Int32Array(length);
  for (let index = 0; index < length; index += 1) {
    ends[index] = index + 1;
    next[index] = index + 1 < length ? index + 1 : -1;
    previous[index] = index - 1;
  }
  const heap = new PairHeap();
  const pushPair = (left: number) => {
    const right = next[left] as number;
    if (right === -1) return;
    const rank = ranks.get(bytes.slice(left, ends[right]));
    if (rank !== undefined) heap.push(rank, left, ends[right] as number);
  };
  for (let index = 0; index < length - 1; index += 1) pushPair(index);
  let parts = length;
  for (;;) {
    const top = heap.pop();
    if (top === undefined) break;
    const { start: left, end } = top;
    const right = next[left] as number;
    // Stale: the left part was merged away or grew, or its right neighbour changed.
    if (ends[left] === -1 || right === -1 || ends[right] !== end) continue;
    ends[left] = end;
    ends[right] = -1;
    const after = next[right] as number;
    next[left] = after;
    if (after !== -1) previous[after] = left;
    parts -= 1;
    const before = previous[left] as number;
    if (before !== -1) pushPair(before);
    pushPair(left);
  }
  return parts;
}

/** A binary min-heap of (rank, start, end), ordered by rank then start. */
class PairHeap {
  private readonly ranks: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  push(rank: number, start: number, end: number): void {
    let index = this.ranks.length;
    this.ranks.push(rank);
    this.starts.push(start);
    this.ends.push(end);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(index, parent)) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  pop(): { start: number; end: number } | undefined {
    const size = this.ranks.length;
    if (size === 0) return undefined;
    const top = { start: this.starts[0] as number, end: this.ends[0] as number };
    this.swap(0, size - 1);
    this.ranks.pop();
    this.starts.pop();
    this.ends.pop();
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < size - 1 && this.less(left, smallest)) smallest = left;
      if (right < size - 1 && this.less(right, smallest)) smallest = right;
      if (smallest === index) return top;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private less(left: number, right: number): boolean {
    const rankLeft = this.ranks[left] as number;
    const rankRight = this.ranks[right] as number;
    return (
      rankLeft < rankRight ||
      (rankLeft === rankRight && (this.starts[left] as number) < (this.starts[right] as number))
    );
  }

  private swap(left: number, right: number): void {
    for (const values of [this.ranks, this.starts, this.ends]) {
      const held = values[left] as number;
      values[left] = values[right] as number;
      values[right] = held;
    }
  }
}
