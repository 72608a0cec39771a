import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFewShotExample } from "../patterns/few-shot.js";
import type { FewShotExample } from "../patterns/few-shot-example.js";
import { getTokenizer } from "../tokens/tokenizer.js";
import { selectExamples } from "./select-examples.js";

const word = fc.constantFrom(
  "refund",
  "charge",
  "crash",
  "export",
  "invite",
  "login",
  "slow",
  "the",
  "my",
  "ünïcode",
  "退款",
);
const sentence = fc.array(word, { minLength: 0, maxLength: 8 }).map((words) => words.join(" "));
const example: fc.Arbitrary<FewShotExample> = fc.record(
  { input: sentence, output: sentence, label: fc.constantFrom("billing", "bug", "question") },
  { requiredKeys: ["input", "output"] },
);
const options = fc.record({
  pool: fc.array(example, { maxLength: 12 }),
  query: sentence,
  k: fc.integer({ min: 0, max: 14 }),
  maxTokens: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
  lambda: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  balanceByLabel: fc.boolean(),
  model: fc.constantFrom("gpt-4o", "gpt-4", "claude-sonnet-4"),
});

describe("selectExamples properties", () => {
  it("never selects more than k, and never more tokens than the budget, recounted", async () => {
    await fc.assert(
      fc.asyncProperty(options, async (value) => {
        const selection = await selectExamples(value.pool, {
          query: value.query,
          k: value.k,
          balanceByLabel: value.balanceByLabel,
          ...(value.lambda === undefined ? {} : { diversity: { lambda: value.lambda } }),
          ...(value.maxTokens === undefined
            ? {}
            : { tokenBudget: { maxTokens: value.maxTokens, model: value.model } }),
        });
        expect(selection.examples.length).toBeLessThanOrEqual(value.k);
        expect(new Set(selection.selected.map((entry) => entry.index)).size).toBe(
          selection.examples.length,
        );
        if (value.maxTokens === undefined) {
          expect(selection.examples.length).toBe(Math.min(value.k, value.pool.length));
          return;
        }
        const tokenizer = await getTokenizer({ model: value.model });
        const recounted = selection.examples.reduce(
          (total, chosen) => total + tokenizer.count(`${formatFewShotExample(chosen)}\n\n`),
          0,
        );
        expect(recounted).toBe(selection.tokens?.used);
        expect(recounted).toBeLessThanOrEqual(value.maxTokens);
      }),
      { numRuns: 60 },
    );
  });

  it("balanced by label without a budget: label counts differ by at most one when the pool allows", async () => {
    await fc.assert(
      fc.asyncProperty(options, async (value) => {
        const selection = await selectExamples(value.pool, {
          query: value.query,
          k: value.k,
          balanceByLabel: true,
          ...(value.lambda === undefined ? {} : { diversity: { lambda: value.lambda } }),
        });
        const available = new Map<string | undefined, number>();
        for (const entry of value.pool)
          available.set(entry.label, (available.get(entry.label) ?? 0) + 1);
        const counts = new Map<string | undefined, number>();
        for (const entry of selection.examples)
          counts.set(entry.label, (counts.get(entry.label) ?? 0) + 1);
        const most = Math.max(0, ...counts.values());
        for (const [label, total] of available) {
          expect(counts.get(label) ?? 0).toBeGreaterThanOrEqual(Math.min(total, most - 1));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("is deterministic: the same pool and options select the same examples", async () => {
    await fc.assert(
      fc.asyncProperty(options, async (value) => {
        const run = () =>
          selectExamples(value.pool, {
            query: value.query,
            k: value.k,
            balanceByLabel: value.balanceByLabel,
            ...(value.lambda === undefined ? {} : { diversity: { lambda: value.lambda } }),
          });
        expect((await run()).selected).toEqual((await run()).selected);
      }),
      { numRuns: 30 },
    );
  });
});
