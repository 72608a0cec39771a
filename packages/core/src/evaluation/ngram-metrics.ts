/** Words for n-gram metrics: lower-cased runs of letters and digits. */
export function metricTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Counts of the n-grams of a token list. */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let index = 0; index + n <= tokens.length; index += 1) {
    const gram = tokens.slice(index, index + n).join("\u0000");
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

/**
 * ROUGE-N recall (Lin 2004): the share of the reference's n-grams found in the candidate, counts
 * clipped. With fewer than n reference words it is 1 when the words are the same, else 0.
 */
export function rougeN(candidate: string, reference: string, n = 1): number {
  const candidateTokens = metricTokens(candidate);
  const referenceTokens = metricTokens(reference);
  const referenceGrams = ngramCounts(referenceTokens, n);
  const referenceTotal = total(referenceGrams);
  if (referenceTotal === 0) {
    return candidateTokens.join(" ") === referenceTokens.join(" ") ? 1 : 0;
  }
  const candidateGrams = ngramCounts(candidateTokens, n);
  let overlap = 0;
  for (const [gram, count] of referenceGrams) {
    overlap += Math.min(count, candidateGrams.get(gram) ?? 0);
  }
  return overlap / referenceTotal;
}

/**
 * Sentence BLEU (Papineni et al. 2002) with n-grams up to 4, uniform weights, the brevity penalty,
 * and add-one smoothing of the 2- to 4-gram precisions (Lin and Och 2004), so short texts do not
 * score 0 for lack of 4-grams. Several references clip by the most any of them has, and the
 * brevity penalty uses the reference length nearest the candidate's.
 */
export function bleu(candidate: string, references: readonly string[], maxOrder = 4): number {
  const candidateTokens = metricTokens(candidate);
  const referenceTokens = references.map(metricTokens);
  if (candidateTokens.length === 0) {
    return referenceTokens.some((tokens) => tokens.length === 0) ? 1 : 0;
  }
  let logPrecision = 0;
  for (let n = 1; n <= maxOrder; n += 1) {
    const candidateGrams = ngramCounts(candidateTokens, n);
    const referenceGrams = referenceTokens.map((tokens) => ngramCounts(tokens, n));
    let matched = 0;
    for (const [gram, count] of candidateGrams) {
      const most = Math.max(0, ...referenceGrams.map((grams) => grams.get(gram) ?? 0));
      matched += Math.min(count, most);
    }
    const possible = total(candidateGrams);
    const precision = n === 1 ? matched / possible : (matched + 1) / (possible + 1);
    if (precision === 0) return 0;
    logPrecision += Math.log(precision) / maxOrder;
  }
  const length = candidateTokens.length;
  const referenceLength = referenceTokens
    .map((tokens) => tokens.length)
    .reduce(
      (best, current) =>
        Math.abs(current - length) < Math.abs(best - length) ||
        (Math.abs(current - length) === Math.abs(best - length) && current < best)
          ? current
          : best,
      Number.POSITIVE_INFINITY,
    );
  const brevity = length >= referenceLength ? 1 : Math.exp(1 - referenceLength / length);
  return Math.min(1, brevity * Math.exp(logPrecision));
}
