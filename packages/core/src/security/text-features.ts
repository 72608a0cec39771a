/**
 * Features of the learned injection model: character 3- and 4-grams and word 1- and 2-grams of
 * folded text, hashed into 2^bits buckets (FNV-1a, then multiplicative hashing), counted, scaled
 * by log(1 + count) (counts stop at 65,535) and normalised to unit length. The same function featurises text for
 * training (scripts/train-injection-model.ts) and for scoring, so the two cannot drift apart.
 */
export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

const fnvOffset = 0x811c9dc5;
const fnvPrime = 0x01000193;
const wordSeed = 0x6a09e667;
const bigramSeed = 0x85ebca77;
const golden = 0x9e3779b1;

/** log(1 + count) for the small counts almost every bucket has. */
const logTable = Float64Array.from({ length: 256 }, (_value, count) => Math.log1p(count));

/** Reused counting buffers per bucket count (scoring is synchronous, so one set suffices). */
interface Buffers {
  counts: Uint16Array;
  touched: Int32Array;
  codes: Uint16Array;
}
const buffersByBits = new Map<number, Buffers>();

function buffersFor(bits: number, textLength: number): Buffers {
  let buffers = buffersByBits.get(bits);
  if (buffers === undefined) {
    buffers = {
      counts: new Uint16Array(1 << bits),
      touched: new Int32Array(1_024),
      codes: new Uint16Array(1_024),
    };
    buffersByBits.set(bits, buffers);
  }
  // At most one new bucket per n-gram: 4 a character, bounded by the bucket count.
  const needed = Math.min(1 << bits, textLength * 4 + 8);
  if (buffers.touched.length < needed) buffers.touched = new Int32Array(needed);
  if (buffers.codes.length < textLength) buffers.codes = new Uint16Array(textLength * 2);
  return buffers;
}

function isWordCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x27 || code > 0x7f
  );
}

/** Counts of the buckets `text` hits, in reused buffers: valid until the next call. */
interface Counted {
  counts: Uint16Array;
  touched: Int32Array;
  size: number;
}

function countFeatures(text: string, bits: number): Counted {
  const length = text.length + 2;
  const { counts, touched, codes } = buffersFor(bits, length);
  // The text between two spaces, as character codes (faster to read than the string).
  codes[0] = 0x20;
  for (let index = 0; index < text.length; index += 1) codes[index + 1] = text.charCodeAt(index);
  codes[length - 1] = 0x20;
  const shift = 32 - bits;
  let size = 0;
  // Character n-grams, 3 and 4 long.
  for (let start = 0; start + 3 <= length; start += 1) {
    let hash = fnvOffset;
    const end = Math.min(length, start + 4);
    for (let position = start; position < end; position += 1) {
      hash = Math.imul(hash ^ (codes[position] ?? 0), fnvPrime);
      if (position - start >= 2) {
        const bucket = Math.imul(hash + position - start, golden) >>> shift;
        if (counts[bucket] === 0) {
          touched[size] = bucket;
          size += 1;
        }
        if (counts[bucket] !== 0xffff) counts[bucket] = (counts[bucket] ?? 0) + 1;
      }
    }
  }
  // Words and pairs of words.
  let previousWord = 0;
  let index = 0;
  while (index < length) {
    while (index < length && !isWordCode(codes[index] ?? 0)) index += 1;
    if (index >= length) break;
    let hash = wordSeed;
    while (index < length && isWordCode(codes[index] ?? 0)) {
      hash = Math.imul(hash ^ (codes[index] ?? 0), fnvPrime);
      index += 1;
    }
    // The word, then (after the first word) the pair it ends.
    let wordHash = hash;
    for (let pass = previousWord === 0 ? 1 : 0; pass < 2; pass += 1) {
      if (pass === 0) wordHash = Math.imul(previousWord ^ bigramSeed, fnvPrime) ^ hash;
      else wordHash = hash;
      const bucket = Math.imul(wordHash, golden) >>> shift;
      if (counts[bucket] === 0) {
        touched[size] = bucket;
        size += 1;
      }
      if (counts[bucket] !== 0xffff) counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    previousWord = hash;
  }
  return { counts, touched, size };
}

/** `text` must already be folded (see fold-for-matching.ts). */
export function textFeatures(text: string, bits: number): SparseFeatures {
  const { counts, touched, size } = countFeatures(text, bits);
  const indices = touched.slice(0, size);
  const values = new Float32Array(size);
  let squares = 0;
  for (let position = 0; position < size; position += 1) {
    const bucket = indices[position] ?? 0;
    const count = counts[bucket] ?? 0;
    const value = count < 256 ? (logTable[count] ?? 0) : Math.log1p(count);
    values[position] = value;
    squares += value * value;
    counts[bucket] = 0;
  }
  const scale = squares > 0 ? 1 / Math.sqrt(squares) : 1;
  for (let position = 0; position < size; position += 1) {
    values[position] = (values[position] ?? 0) * scale;
  }
  return { indices, values };
}

/**
 * The dot product of `text`'s features with `weights` (what `textFeatures` would give, without
 * building it): the scoring path, which allocates nothing.
 */
export function featuresDot(text: string, bits: number, weights: Float32Array | Int8Array): number {
  const { counts, touched, size } = countFeatures(text, bits);
  let squares = 0;
  let dot = 0;
  for (let position = 0; position < size; position += 1) {
    const bucket = touched[position] ?? 0;
    const count = counts[bucket] ?? 0;
    const value = count < 256 ? (logTable[count] ?? 0) : Math.log1p(count);
    squares += value * value;
    dot += value * (weights[bucket] ?? 0);
    counts[bucket] = 0;
  }
  return squares > 0 ? dot / Math.sqrt(squares) : 0;
}
