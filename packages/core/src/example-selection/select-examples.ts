import { formatFewShotExample } from "../patterns/few-shot.js";
import type { FewShotExample } from "../patterns/few-shot-example.js";
import { getTokenizer } from "../tokens/tokenizer.js";
import { exampleRelevance, type RankingMethod } from "./example-relevance.js";
import type {
  ExampleSelection,
  ExampleSelectionOptions,
  SelectedExample,
} from "./example-selection-types.js";
import { greedySelection } from "./greedy-selection.js";
import { checkSelectionOptions } from "./selection-options-check.js";

/**
 * Few-shot examples from a pool for a query: ranked by similarity (embeddings when a model is
 * given, BM25 otherwise), optionally diversified (MMR) and balanced by label, and limited to `k`
 * examples and a token budget. Deterministic: equal scores go to the earlier example in the pool.
 */
export async function selectExamples<Example extends FewShotExample>(
  pool: readonly Example[],
  options: ExampleSelectionOptions<Example>,
): Promise<ExampleSelection<Example>> {
  checkSelectionOptions(pool, options);
  const textOf = options.textOf ?? ((example: Example) => example.input);
  const budget = options.tokenBudget;
  const tokenizer = budget === undefined ? undefined : await getTokenizer({ model: budget.model });
  const format = budget?.format ?? ((example: Example) => `${formatFewShotExample(example)}\n\n`);
  const costs =
    tokenizer === undefined ? undefined : pool.map((example) => tokenizer.count(format(example)));

  const method: RankingMethod = options.embeddingModel === undefined ? "bm25" : "embedding";
  let scores: number[] = [];
  let picked: number[] = [];
  if (options.k > 0 && pool.length > 0) {
    const relevance = await exampleRelevance({
      query: options.query,
      texts: pool.map(textOf),
      ...(options.embeddingModel === undefined ? {} : { embeddingModel: options.embeddingModel }),
      ...(options.poolEmbeddings === undefined ? {} : { poolEmbeddings: options.poolEmbeddings }),
      ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    });
    scores = relevance.scores;
    const lambda = options.diversity?.lambda;
    picked = greedySelection(
      {
        relevance: lambda !== undefined && method === "bm25" ? normalized(scores) : scores,
        similarity: relevance.similarity,
        labels: pool.map((example) => example.label),
        ...(costs === undefined ? {} : { costs }),
      },
      {
        k: options.k,
        ...(lambda === undefined ? {} : { lambda }),
        balanceByLabel: options.balanceByLabel === true,
        ...(budget === undefined ? {} : { budget: budget.maxTokens }),
      },
    );
  }
  if (options.order === "most-relevant-last") picked.reverse();

  const selected = picked.map((index): SelectedExample<Example> => {
    const cost = costs?.[index];
    return {
      example: pool[index] as Example,
      index,
      relevance: scores[index] ?? 0,
      ...(cost === undefined ? {} : { tokens: cost }),
    };
  });
  return {
    examples: selected.map((entry) => entry.example),
    selected,
    method,
    ...(budget === undefined || tokenizer === undefined
      ? {}
      : {
          tokens: {
            used: selected.reduce((total, entry) => total + (entry.tokens ?? 0), 0),
            budget: budget.maxTokens,
            encoding: tokenizer.encoding,
            estimated: tokenizer.estimated,
          },
        }),
  };
}

/**
 * BM25 scores have no fixed scale, so for MMR they are divided by the highest one, to weigh
 * against similarities in 0…1 (cosine scores are on that scale already). Dividing by a positive
 * number keeps the order, so MMR with lambda 1 is still the relevance order.
 */
function normalized(scores: readonly number[]): number[] {
  const highest = scores.reduce((high, score) => Math.max(high, score), 0);
  return highest === 0 ? [...scores] : scores.map((score) => score / highest);
}
