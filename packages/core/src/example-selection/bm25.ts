import { lexicalTokens } from "./lexical-tokens.js";

export interface Bm25Options {
  /** Term-frequency saturation; default 1.2. */
  k1?: number;
  /** Length normalization, 0 (none) to 1 (full); default 0.75. */
  b?: number;
}

/** A pool of documents indexed once, scored against any number of queries. */
export interface Bm25Index {
  readonly documentCount: number;
  /** One score per document, in pool order; 0 for a document sharing no term with the query. */
  score(query: string): number[];
}

/**
 * Okapi BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond",
 * 2009) with Lucene's non-negative inverse document frequency `ln(1 + (N − n + 0.5) / (n + 0.5))`.
 * Each distinct query term counts once. Written here rather than taken from a package: it is forty
 * lines, and the npm BM25 packages are either unmaintained or tied to their own tokenizers and
 * index formats.
 */
export function buildBm25Index(documents: readonly string[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const termCounts = documents.map((document) => countTerms(lexicalTokens(document)));
  const lengths = termCounts.map((counts) => sum(counts.values()));
  const averageLength = documents.length === 0 ? 0 : sum(lengths) / documents.length;
  const documentFrequency = new Map<string, number>();
  for (const counts of termCounts) {
    for (const term of counts.keys()) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const count = documents.length;
  return {
    documentCount: count,
    score(query) {
      const terms = [...new Set(lexicalTokens(query))];
      return termCounts.map((counts, index) => {
        const length = lengths[index] ?? 0;
        const norm = k1 * (1 - b + (averageLength === 0 ? 0 : (b * length) / averageLength));
        let score = 0;
        for (const term of terms) {
          const frequency = counts.get(term);
          if (frequency === undefined) continue;
          const withTerm = documentFrequency.get(term) ?? 0;
          const idf = Math.log(1 + (count - withTerm + 0.5) / (withTerm + 0.5));
          score += (idf * frequency * (k1 + 1)) / (frequency + norm);
        }
        return score;
      });
    },
  };
}

/** BM25 scores of each document for one query (see `buildBm25Index`). */
export function bm25Scores(
  query: string,
  documents: readonly string[],
  options: Bm25Options = {},
): number[] {
  return buildBm25Index(documents, options).score(query);
}

export function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
