/**
 * A deterministic stand-in for an embedding: each lower-cased word is hashed (FNV-1a) into one of
 * `dimensions` buckets and the counts are scaled to length 1. The same text always gives the same
 * vector; texts sharing most words have a cosine similarity close to 1; texts sharing no words
 * are (almost always) far apart. Nothing here means anything about language.
 */
export function deterministicEmbedding(text: string, dimensions = 64): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    const hash = fnv1a(word);
    const bucket = hash % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  const length = Math.hypot(...vector);
  if (length === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / length);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
