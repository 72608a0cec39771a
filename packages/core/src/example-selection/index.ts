export { type Bm25Index, type Bm25Options, bm25Scores, buildBm25Index } from "./bm25.js";
export { cosineSimilarity, sparseCosineSimilarity } from "./cosine-similarity.js";
export {
  exampleRelevance,
  type RankingMethod,
  type Relevance,
  type RelevanceRequest,
} from "./example-relevance.js";
export type {
  ExampleSelection,
  ExampleSelectionOptions,
  SelectedExample,
} from "./example-selection-types.js";
export {
  type GreedySelectionOptions,
  greedySelection,
  type SelectionCandidates,
} from "./greedy-selection.js";
export { lexicalTokens } from "./lexical-tokens.js";
export { selectExamples } from "./select-examples.js";
