import { countTerms } from "./bm25.js";
import { lexicalTokens } from "./lexical-tokens.js";

/**
 * TF-IDF vectors of a set of texts (term frequency times `ln(1 + N / n)`), used to measure how
 * alike two examples are when no embedding model is configured.
 */
export function termVectors(texts: readonly string[]): Map<string, number>[] {
  const counts = texts.map((text) => countTerms(lexicalTokens(text)));
  const documentFrequency = new Map<string, number>();
  for (const terms of counts) {
    for (const term of terms.keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  return counts.map((terms) => {
    const vector = new Map<string, number>();
    for (const [term, frequency] of terms) {
      const withTerm = documentFrequency.get(term) ?? 1;
      vector.set(term, frequency * Math.log(1 + texts.length / withTerm));
    }
    return vector;
  });
}
