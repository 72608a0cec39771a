import { describe, expect, it } from "vitest";
import { bm25Scores, buildBm25Index } from "./bm25.js";

describe("BM25", () => {
  it("gives the Okapi BM25 score with Lucene's idf (k1 1.2, b 0.75)", () => {
    // N = 3, "cat" in 2 documents: idf = ln(1 + 1.5 / 2.5); lengths 2, 2, 3, average 7/3.
    const scores = bm25Scores("cat", ["cat sat", "dog sat", "cat cat cat"]);
    expect(scores[0]).toBeCloseTo(0.4991762683, 9);
    expect(scores[1]).toBe(0);
    expect(scores[2]).toBeCloseTo(0.6959669125, 9);
  });

  it("weighs a rare query term above a common one", () => {
    const documents = [
      "please refund my order",
      "my order arrived late",
      "my order is wrong",
      "my invoice is wrong",
    ];
    const scores = bm25Scores("refund my order", documents);
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
    const [, late, wrong, invoice] = scores;
    expect(late).toBeCloseTo(wrong ?? Number.NaN, 12);
    expect(invoice).toBeLessThan(late ?? 0);
  });

  it("counts each distinct query word once and ignores case and punctuation", () => {
    const documents = ["Reset PASSWORD", "billing"];
    expect(bm25Scores("password password?", documents)).toEqual(bm25Scores("password", documents));
  });

  it("scores an empty query or an empty pool as nothing", () => {
    expect(bm25Scores("", ["a", "b"])).toEqual([0, 0]);
    expect(bm25Scores("a", [])).toEqual([]);
    expect(bm25Scores("a", ["", "a"])[0]).toBe(0);
  });

  it("indexes once and scores any number of queries", () => {
    const index = buildBm25Index(["red apple", "green pear"]);
    expect(index.documentCount).toBe(2);
    expect(index.score("pear")[1]).toBeGreaterThan(0);
    expect(index.score("apple")[0]).toBeGreaterThan(0);
  });
});
