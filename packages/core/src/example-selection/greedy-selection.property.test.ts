import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { greedySelection } from "./greedy-selection.js";

/** A pool: relevance with many ties, labels, costs, and a symmetric similarity matrix. */
const pool = fc.integer({ min: 0, max: 14 }).chain((size) =>
  fc.record({
    relevance: fc.array(
      fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1, max: 1, noNaN: true })),
      { minLength: size, maxLength: size },
    ),
    labels: fc.array(fc.constantFrom("a", "b", "c", undefined), {
      minLength: size,
      maxLength: size,
    }),
    costs: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: size, maxLength: size }),
    similarities: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
      minLength: size * size,
      maxLength: size * size,
    }),
  }),
);
type Pool = {
  relevance: number[];
  labels: (string | undefined)[];
  costs: number[];
  similarities: number[];
};
const similarityOf = (value: Pool) => (left: number, right: number) => {
  const size = value.relevance.length;
  const [low, high] = left < right ? [left, right] : [right, left];
  return value.similarities[low * size + high] ?? 0;
};
const k = fc.integer({ min: 0, max: 16 });
const budget = fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined });
const lambda = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined });

/** Pool indices by relevance, highest first, the earlier index first among equals. */
function relevanceOrder(relevance: readonly number[]): number[] {
  return relevance
    .map((_, index) => index)
    .sort((left, right) => (relevance[right] ?? 0) - (relevance[left] ?? 0) || left - right);
}

describe("greedySelection properties", () => {
  it("never picks more than k, never an index twice, never over the budget", () => {
    fc.assert(
      fc.property(pool, k, budget, lambda, fc.boolean(), (value, limit, tokens, mix, balance) => {
        const picked = greedySelection(
          { ...value, similarity: similarityOf(value) },
          {
            k: limit,
            balanceByLabel: balance,
            ...(tokens === undefined ? {} : { budget: tokens }),
            ...(mix === undefined ? {} : { lambda: mix }),
          },
        );
        expect(picked.length).toBeLessThanOrEqual(limit);
        expect(new Set(picked).size).toBe(picked.length);
        for (const index of picked) expect(index).toBeLessThan(value.relevance.length);
        const spent = picked.reduce((total, index) => total + (value.costs[index] ?? 0), 0);
        if (tokens !== undefined) expect(spent).toBeLessThanOrEqual(tokens);
        // It stops early only when nothing left would fit.
        if (picked.length < limit) {
          const room = (tokens ?? Number.POSITIVE_INFINITY) - spent;
          value.costs.forEach((cost, index) => {
            if (!picked.includes(index)) expect(cost).toBeGreaterThan(room);
          });
        }
      }),
    );
  });

  it("balanced: label counts differ by at most one unless a label has nothing left that fits", () => {
    fc.assert(
      fc.property(pool, k, budget, lambda, (value, limit, tokens, mix) => {
        const picked = greedySelection(
          { ...value, similarity: similarityOf(value) },
          {
            k: limit,
            balanceByLabel: true,
            ...(tokens === undefined ? {} : { budget: tokens }),
            ...(mix === undefined ? {} : { lambda: mix }),
          },
        );
        const spent = picked.reduce((total, index) => total + (value.costs[index] ?? 0), 0);
        const room = (tokens ?? Number.POSITIVE_INFINITY) - spent;
        const counts = new Map<string | undefined, number>();
        for (const label of new Set(value.labels)) counts.set(label, 0);
        for (const index of picked)
          counts.set(value.labels[index], (counts.get(value.labels[index]) ?? 0) + 1);
        const most = Math.max(0, ...counts.values());
        for (const [label, count] of counts) {
          if (count >= most - 1) continue;
          // This label fell behind: none of its unpicked examples could still fit.
          value.labels.forEach((other, index) => {
            if (other === label && !picked.includes(index)) {
              expect(value.costs[index] ?? 0).toBeGreaterThan(room);
            }
          });
        }
      }),
    );
  });

  it("balanced without a budget: counts differ by at most one while the pool allows", () => {
    fc.assert(
      fc.property(pool, k, (value, limit) => {
        const picked = greedySelection(value, { k: limit, balanceByLabel: true });
        const available = new Map<string | undefined, number>();
        for (const label of value.labels) available.set(label, (available.get(label) ?? 0) + 1);
        const counts = new Map<string | undefined, number>();
        for (const index of picked)
          counts.set(value.labels[index], (counts.get(value.labels[index]) ?? 0) + 1);
        const most = Math.max(0, ...counts.values());
        for (const [label, total] of available) {
          expect(counts.get(label) ?? 0).toBeGreaterThanOrEqual(Math.min(total, most - 1));
        }
      }),
    );
  });

  it("MMR with lambda 1 is the pure relevance order, whatever the similarities", () => {
    fc.assert(
      fc.property(pool, k, (value, limit) => {
        const withMmr = greedySelection(
          { relevance: value.relevance, similarity: similarityOf(value) },
          { k: limit, lambda: 1 },
        );
        expect(withMmr).toEqual(greedySelection({ relevance: value.relevance }, { k: limit }));
        expect(withMmr).toEqual(relevanceOrder(value.relevance).slice(0, limit));
      }),
    );
  });

  it("is deterministic: equal relevance goes to the earlier pool item", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), k, (size, limit) => {
        const picked = greedySelection({ relevance: new Array(size).fill(0.5) }, { k: limit });
        expect(picked).toEqual([...Array(Math.min(size, limit)).keys()]);
      }),
    );
  });
});
