import type { EmbeddingModel } from "../models/embedding-model.js";
import type { FewShotExample } from "../patterns/few-shot-example.js";
import type { EncodingName } from "../tokens/model-encoding.js";
import type { RankingMethod } from "./example-relevance.js";

export interface ExampleSelectionOptions<Example extends FewShotExample> {
  /** The new input the examples should resemble. */
  query: string;
  /** At most this many examples. */
  k: number;
  /** Rank by cosine similarity of this model's embeddings; without one, rank with BM25. */
  embeddingModel?: EmbeddingModel;
  /** The pool's vectors from `embeddingModel`, in pool order, so only the query is embedded. */
  poolEmbeddings?: readonly (readonly number[])[];
  /** Maximal marginal relevance: `lambda` 1 is relevance alone, 0 diversity alone. */
  diversity?: { lambda: number };
  /** Take labels (`example.label`) in turn by rank, so label counts differ by at most one. */
  balanceByLabel?: boolean;
  /**
   * The chosen examples' tokens add up to at most `maxTokens` for `model`. An example costs the
   * tokens of `format(example)`: by default its few-shot text layout and a blank line.
   */
  tokenBudget?: { maxTokens: number; model: string; format?: (example: Example) => string };
  /** The text compared with the query; default `example.input`. */
  textOf?: (example: Example) => string;
  /** Default `most-relevant-first`; `most-relevant-last` puts the best next to the query. */
  order?: "most-relevant-first" | "most-relevant-last";
  abortSignal?: AbortSignal;
}

export interface SelectedExample<Example> {
  example: Example;
  /** Its index in the pool. */
  index: number;
  /** Its relevance to the query: cosine similarity, or BM25 score. */
  relevance: number;
  /** Its cost when a token budget was given. */
  tokens?: number;
}

export interface ExampleSelection<Example> {
  /** The chosen examples, ready for a few-shot builder. */
  examples: Example[];
  selected: SelectedExample<Example>[];
  method: RankingMethod;
  /** What the examples cost, when a token budget was given; `estimated` as in `countTokens`. */
  tokens?: { used: number; budget: number; encoding: EncodingName; estimated: boolean };
}
