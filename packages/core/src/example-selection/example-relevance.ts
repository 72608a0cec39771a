import { QuireError } from "../errors/index.js";
import type { EmbeddingModel } from "../models/embedding-model.js";
import { modelError } from "../models/model-error.js";
import { buildBm25Index } from "./bm25.js";
import { cosineSimilarity, sparseCosineSimilarity } from "./cosine-similarity.js";
import { termVectors } from "./term-vectors.js";

export type RankingMethod = "embedding" | "bm25";

export interface RelevanceRequest {
  query: string;
  /** The text of each pool item that is compared with the query. */
  texts: readonly string[];
  embeddingModel?: EmbeddingModel;
  /** The pool's vectors from `embeddingModel`, in pool order (then only the query is embedded). */
  poolEmbeddings?: readonly (readonly number[])[];
  abortSignal?: AbortSignal;
}

export interface Relevance {
  method: RankingMethod;
  /** Per pool item: cosine similarity to the query (−1…1), or its BM25 score (0 or more). */
  scores: number[];
  /** How alike two pool items are, on the same method (cosine of embeddings or of TF-IDF). */
  similarity: (left: number, right: number) => number;
}

/**
 * How relevant each pool item is to the query: cosine similarity of embeddings when an embedding
 * model is given, BM25 over the words otherwise.
 */
export async function exampleRelevance(request: RelevanceRequest): Promise<Relevance> {
  if (request.embeddingModel === undefined) {
    const scores = buildBm25Index(request.texts).score(request.query);
    let vectors: Map<string, number>[] | undefined;
    return {
      method: "bm25",
      scores,
      similarity: (left, right) => {
        vectors ??= termVectors(request.texts);
        const [a, b] = [vectors[left], vectors[right]];
        return a === undefined || b === undefined ? 0 : sparseCosineSimilarity(a, b);
      },
    };
  }
  const { query, pool } = await embedAll(request.embeddingModel, request);
  return {
    method: "embedding",
    scores: pool.map((vector) => cosineSimilarity(query, vector)),
    similarity: (left, right) => {
      const [a, b] = [pool[left], pool[right]];
      return a === undefined || b === undefined ? 0 : cosineSimilarity(a, b);
    },
  };
}

async function embedAll(model: EmbeddingModel, request: RelevanceRequest) {
  const given = request.poolEmbeddings;
  if (given !== undefined && given.length !== request.texts.length) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `poolEmbeddings has ${given.length} vectors for a pool of ${request.texts.length} examples; give one vector per example, in pool order.`,
      {
        details: {
          option: "poolEmbeddings",
          vectors: given.length,
          examples: request.texts.length,
        },
      },
    );
  }
  const texts = given === undefined ? [request.query, ...request.texts] : [request.query];
  const vectors = await model.embed(
    texts,
    request.abortSignal === undefined ? undefined : { abortSignal: request.abortSignal },
  );
  if (!Array.isArray(vectors) || vectors.length !== texts.length) {
    throw modelError(
      "malformed-response",
      `Embedding model ${model.modelId} returned ${Array.isArray(vectors) ? vectors.length : "no"} vectors for ${texts.length} texts.`,
      { modelId: model.modelId },
    );
  }
  const query = vectors[0] ?? [];
  const pool = given ?? vectors.slice(1);
  if (query.length === 0 || !query.every(Number.isFinite)) {
    throw modelError(
      "malformed-response",
      `Embedding model ${model.modelId} returned a query vector that is empty or holds a value that is not a finite number.`,
      { modelId: model.modelId },
    );
  }
  const bad = pool.findIndex(
    (vector) => vector.length !== query.length || !vector.every(Number.isFinite),
  );
  if (bad !== -1) {
    const problem = `the vector of example ${bad} has ${pool[bad]?.length} dimensions (the query's has ${query.length}) or holds a value that is not a finite number`;
    if (given !== undefined) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `In poolEmbeddings, ${problem}; embed the pool with the same model as the query (${model.modelId}).`,
        { details: { option: "poolEmbeddings", example: bad } },
      );
    }
    throw modelError(
      "malformed-response",
      `Embedding model ${model.modelId} returned vectors that cannot be compared: ${problem}.`,
      {
        modelId: model.modelId,
      },
    );
  }
  return { query, pool };
}
