import { describe, expect, it } from "vitest";
import type { EmbeddingModel } from "../models/embedding-model.js";
import { modelErrorClassOf } from "../models/model-error.js";
import { formatFewShotExample } from "../patterns/few-shot.js";
import type { FewShotExample } from "../patterns/few-shot-example.js";
import { countTokens } from "../tokens/tokenizer.js";
import { selectExamples } from "./select-examples.js";

const pool: FewShotExample[] = [
  { input: "I was charged twice for my subscription", output: "billing", label: "billing" },
  { input: "The app crashes when I open settings", output: "bug", label: "bug" },
  { input: "Please refund the duplicate charge", output: "billing", label: "billing" },
  { input: "Refund my duplicate charge please", output: "billing", label: "billing" },
  { input: "Export to CSV fails with an error", output: "bug", label: "bug" },
  { input: "How do I invite a teammate?", output: "question", label: "question" },
];

/** Embeds texts by a lookup table; counts its calls and the texts it was given. */
function tableModel(table: Record<string, number[]>) {
  const calls: string[][] = [];
  const model: EmbeddingModel = {
    modelId: "test/table",
    async embed(texts) {
      calls.push(texts);
      return texts.map((text) => table[text] ?? [0, 0, 1]);
    },
  };
  return { model, calls };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error("expected a rejection");
}

describe("selectExamples", () => {
  it("ranks with BM25 when no embedding model is given", async () => {
    const selection = await selectExamples(pool, { query: "refund a duplicate charge", k: 2 });
    expect(selection.method).toBe("bm25");
    expect(selection.selected.map((entry) => entry.index)).toEqual([2, 3]);
    expect(selection.examples).toEqual([pool[2], pool[3]]);
    expect(selection.selected[0]?.relevance).toBeGreaterThan(0);
    expect(selection.tokens).toBeUndefined();
  });

  it("ranks by cosine similarity of embeddings when a model is given", async () => {
    const { model, calls } = tableModel({
      query: [1, 0, 0],
      [pool[5]?.input ?? ""]: [0.9, 0.1, 0],
      [pool[1]?.input ?? ""]: [0.5, 0.5, 0],
    });
    const selection = await selectExamples(pool, { query: "query", k: 2, embeddingModel: model });
    expect(selection.method).toBe("embedding");
    expect(selection.selected.map((entry) => entry.index)).toEqual([5, 1]);
    expect(selection.selected[1]?.relevance).toBeCloseTo(Math.SQRT1_2, 12);
    expect(calls).toEqual([["query", ...pool.map((example) => example.input)]]);
  });

  it("embeds only the query when the pool's vectors are given", async () => {
    const { model, calls } = tableModel({ query: [0, 1] });
    const poolEmbeddings = pool.map((_, index) => (index === 4 ? [0, 1] : [1, 0]));
    const selection = await selectExamples(pool, {
      query: "query",
      k: 1,
      embeddingModel: model,
      poolEmbeddings,
    });
    expect(selection.examples).toEqual([pool[4]]);
    expect(calls).toEqual([["query"]]);
  });

  it("trades relevance for diversity with MMR", async () => {
    const query = "refund duplicate charge";
    const relevant = await selectExamples(pool, { query, k: 2 });
    expect(relevant.selected.map((entry) => entry.index)).toEqual([2, 3]);
    // Examples 2 and 3 say the same thing (TF-IDF cosine 0.8): weighing diversity enough, the
    // second pick is one sharing no words with example 2 (relevance 0, similarity 0: 0 > 0.3 − 0.7 × 0.8).
    const diverse = await selectExamples(pool, { query, k: 2, diversity: { lambda: 0.3 } });
    expect(diverse.selected.map((entry) => entry.index)).toEqual([2, 0]);
    // Weighing relevance more, the near-duplicate still wins (0.5 − 0.5 × 0.8 > 0).
    const mild = await selectExamples(pool, { query, k: 2, diversity: { lambda: 0.5 } });
    expect(mild.selected.map((entry) => entry.index)).toEqual([2, 3]);
    const same = await selectExamples(pool, { query, k: 2, diversity: { lambda: 1 } });
    expect(same.selected).toEqual(relevant.selected);
  });

  it("takes labels in turn when balancing", async () => {
    const selection = await selectExamples(pool, {
      query: "refund duplicate charge",
      k: 4,
      balanceByLabel: true,
    });
    expect(selection.examples.map((example) => example.label)).toEqual([
      "billing",
      "bug",
      "question",
      "billing",
    ]);
  });

  it("keeps the examples within a token budget counted for the model, and says so", async () => {
    const costs = await Promise.all(
      pool.map(
        async (example) =>
          (await countTokens(`${formatFewShotExample(example)}\n\n`, { model: "gpt-4o" })).tokens,
      ),
    );
    const budget = (costs[2] ?? 0) + (costs[3] ?? 0) - 1;
    const selection = await selectExamples(pool, {
      query: "refund duplicate charge",
      k: 3,
      tokenBudget: { maxTokens: budget, model: "gpt-4o" },
    });
    expect(selection.selected[0]?.index).toBe(2);
    expect(selection.selected.map((entry) => entry.tokens)).toEqual(
      selection.selected.map((entry) => costs[entry.index]),
    );
    expect(selection.tokens).toMatchObject({ budget, encoding: "o200k_base", estimated: false });
    expect(selection.tokens?.used).toBeLessThanOrEqual(budget);
    expect(selection.selected.map((entry) => entry.index)).not.toContain(3);
  });

  it("flags a budget counted with an estimate for models without a shipped tokenizer", async () => {
    const selection = await selectExamples(pool, {
      query: "refund",
      k: 2,
      tokenBudget: {
        maxTokens: 1000,
        model: "claude-sonnet-4",
        format: (example) => example.input,
      },
    });
    expect(selection.tokens?.estimated).toBe(true);
    expect(selection.examples).toHaveLength(2);
  });

  it("puts the most relevant last when asked", async () => {
    const selection = await selectExamples(pool, {
      query: "refund duplicate charge",
      k: 2,
      order: "most-relevant-last",
    });
    expect(selection.selected.map((entry) => entry.index)).toEqual([3, 2]);
  });

  it("selects nothing, without calling the model, for k 0 or an empty pool", async () => {
    const { model, calls } = tableModel({});
    expect(
      (await selectExamples(pool, { query: "q", k: 0, embeddingModel: model })).examples,
    ).toEqual([]);
    expect(
      (await selectExamples([], { query: "q", k: 3, embeddingModel: model })).examples,
    ).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("refuses a bad k, lambda or budget, naming the option", async () => {
    for (const [options, option] of [
      [{ k: -1 }, "k"],
      [{ k: 1.5 }, "k"],
      [{ k: 2, diversity: { lambda: 1.2 } }, "diversity.lambda"],
      [{ k: 2, tokenBudget: { maxTokens: -5, model: "gpt-4o" } }, "tokenBudget.maxTokens"],
      [{ k: 2, tokenBudget: { maxTokens: 5, model: " " } }, "tokenBudget.model"],
      [{ k: 2, poolEmbeddings: [[1]] }, "poolEmbeddings"],
    ] as const) {
      const error = await rejection(selectExamples(pool, { query: "q", ...options }));
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.details.option).toBe(option);
      expect(error.message).toContain(option);
    }
  });

  it("refuses pool vectors that do not match the pool or the query", async () => {
    const { model } = tableModel({ q: [1, 0] });
    const short = await rejection(
      selectExamples(pool, { query: "q", k: 1, embeddingModel: model, poolEmbeddings: [[1, 0]] }),
    );
    expect(short.code).toBe("VALIDATION_FAILED");
    expect(short.message).toContain("1 vectors for a pool of 6 examples");
    const vectors = pool.map((_, index) => (index === 3 ? [1, 0, 0] : [1, 0]));
    const mismatch = await rejection(
      selectExamples(pool, { query: "q", k: 1, embeddingModel: model, poolEmbeddings: vectors }),
    );
    expect(mismatch.code).toBe("VALIDATION_FAILED");
    expect(mismatch.details).toEqual({ option: "poolEmbeddings", example: 3 });
  });

  it("reports a model that returns the wrong number of vectors as a malformed response", async () => {
    const model: EmbeddingModel = { modelId: "test/short", embed: async () => [[1, 0]] };
    const error = await rejection(
      selectExamples(pool, { query: "q", k: 1, embeddingModel: model }),
    );
    expect(modelErrorClassOf(error)).toBe("malformed-response");
    expect(error.message).toContain("returned 1 vectors for 7 texts");
  });
});
