import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";

/** Specs of the checks that need no services, with arbitrary values. */
const localSpec: fc.Arbitrary<AssertionSpec> = fc.oneof(
  fc.record({
    type: fc.constantFrom("equals", "contains", "icontains", "starts-with"),
    value: fc.string({ maxLength: 5 }),
  }),
  fc.record({
    type: fc.constantFrom("contains-any", "contains-all", "icontains-any", "icontains-all"),
    value: fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant("regex"),
    value: fc.constantFrom("^a", "b+", "\\d", "[xyz]{2}", "("),
  }),
  fc.record({ type: fc.constantFrom("is-json", "contains-json", "is-xml", "is-refusal") }),
  fc.record({
    type: fc.constantFrom("levenshtein", "rouge-n", "bleu"),
    value: fc.string({ maxLength: 12 }),
    threshold: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    type: fc.constant("word-count"),
    value: fc.oneof(fc.nat(5), fc.record({ min: fc.nat(3), max: fc.nat(6) })),
  }),
  fc.record({ type: fc.constant("latency"), value: fc.nat(1000) }),
);

const output = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('{"a": 1}', "<a><b/></a>", "I'm sorry, but I can't", "a b c", "aab 12"),
);

const weighted = fc.record({ spec: localSpec, weight: fc.constantFrom(0, 0.5, 1, 2, 5) });

describe("evaluateAssertions properties", () => {
  it("not-X has the opposite pass of X and score 1 − s, unless X could not run", async () => {
    await fc.assert(
      fc.asyncProperty(localSpec, output, fc.nat(2000), async (spec, text, latencyMs) => {
        const input = { output: text, variables: {}, latencyMs };
        const { results } = await evaluateAssertions(
          [spec, { ...spec, type: `not-${spec.type}` }],
          input,
        );
        const [plain, negated] = results;
        if (plain === undefined || negated === undefined) throw new Error("missing result");
        if (plain.errored === true) {
          expect(negated).toMatchObject({ pass: false, errored: true });
        } else {
          expect(negated.pass).toBe(!plain.pass);
          expect(negated.score).toBeCloseTo(1 - plain.score, 12);
        }
      }),
    );
  });

  it("scores stay in [0, 1], and the case score is a weighted mean between the counted min and max", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(weighted, { maxLength: 6 }), output, async (items, text) => {
        const specs = items.map(({ spec, weight }) => ({ ...spec, weight }));
        const verdict = await evaluateAssertions(specs, {
          output: text,
          variables: {},
          latencyMs: 10,
        });
        for (const result of verdict.results) {
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(1);
        }
        const counted = verdict.results.filter((result) => result.weight > 0);
        if (counted.length === 0) {
          expect(verdict).toMatchObject({ pass: true, score: 1 });
          return;
        }
        const scores = counted.map((result) => result.score);
        expect(verdict.score).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-12);
        expect(verdict.score).toBeLessThanOrEqual(Math.max(...scores) + 1e-12);
        expect(verdict.pass).toBe(counted.every((result) => result.pass));
      }),
    );
  });

  it("an assert-set scores the weighted mean of its children and passes by share", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(weighted, { minLength: 1, maxLength: 5 }),
        output,
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (items, text, threshold) => {
          const children = items.map(({ spec, weight }) => ({ ...spec, weight }));
          const input = { output: text, variables: {}, latencyMs: 10 };
          const [group] = (
            await evaluateAssertions([{ type: "assert-set", assert: children, threshold }], input)
          ).results;
          const flat = await evaluateAssertions(children, input);
          expect(group?.score).toBeCloseTo(flat.score, 12);
          const counted = flat.results.filter((result) => result.weight > 0);
          const share =
            counted.length === 0
              ? 1
              : counted.filter((result) => result.pass).length / counted.length;
          expect(group?.pass).toBe(share >= threshold - 1e-12);
        },
      ),
    );
  });
});
