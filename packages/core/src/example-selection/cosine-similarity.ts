import { QuireError } from "../errors/index.js";

/**
 * Cosine similarity of two vectors of the same length, from −1 to 1; 0 when either is all zeros
 * (so a blank text is similar to nothing rather than NaN).
 */
export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  if (left.length !== right.length) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Cannot compare vectors of ${left.length} and ${right.length} dimensions; embed the query and the examples with the same embedding model.`,
      { details: { leftDimensions: left.length, rightDimensions: right.length } },
    );
  }
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index += 1) {
    const a = left[index] ?? 0;
    const b = right[index] ?? 0;
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  if (leftNorm === 0 || rightNorm === 0) return 0;
  return clamp(dot / Math.sqrt(leftNorm * rightNorm));
}

/** Cosine similarity of two sparse vectors (term → weight). */
export function sparseCosineSimilarity(
  left: ReadonlyMap<string, number>,
  right: ReadonlyMap<string, number>,
): number {
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  const norms = squaredNorm(left) * squaredNorm(right);
  return norms === 0 ? 0 : clamp(dot / Math.sqrt(norms));
}

function squaredNorm(vector: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const weight of vector.values()) total += weight * weight;
  return total;
}

/** Rounding can put a cosine a hair outside [−1, 1]. */
function clamp(value: number): number {
  return Math.min(1, Math.max(-1, value));
}
