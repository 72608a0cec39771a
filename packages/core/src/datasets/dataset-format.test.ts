import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import type { AssertionSpec } from "../evaluation/assertion-spec.js";
import type { TestCase } from "../evaluation/test-case.js";
import { type DatasetFormat, parseDataset, serializeDataset } from "./dataset-format.js";

// Text with the characters that break naive CSV: commas, quotes, line breaks, unicode.
const awkwardText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(",", '"', "\n", "\r", "\r\n", " ", "é", "🚀", "\u2028", "contains:", "__"),
    fc.string({ unit: "grapheme", maxLength: 3 }),
  ),
  maxLength: 12,
});
const name = awkwardText.filter((text) => text !== "" && !text.startsWith("__"));
const assertion: fc.Arbitrary<AssertionSpec> = fc.record(
  {
    type: fc.constantFrom("contains", "not-regex", "similar", "llm-rubric"),
    value: fc.oneof(awkwardText, fc.array(awkwardText, { maxLength: 3 })),
    threshold: fc.double({ min: 0, max: 1, noNaN: true }),
    weight: fc.integer({ min: 0, max: 5 }),
  },
  { requiredKeys: ["type"] },
);

function casesArbitrary(value: fc.Arbitrary<unknown>): fc.Arbitrary<TestCase[]> {
  const testCase = fc.record(
    {
      id: awkwardText.filter((text) => text !== ""),
      variables: fc.dictionary(name, value, { maxKeys: 4 }),
      expected: fc.oneof(awkwardText, fc.jsonValue({ maxDepth: 2 })),
      metadata: fc.dictionary(name, fc.oneof(awkwardText, fc.jsonValue({ maxDepth: 2 })), {
        minKeys: 1,
        maxKeys: 3,
      }),
      assertions: fc.array(assertion, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ["id", "variables"] },
  );
  return fc.uniqueArray(testCase, { selector: (item) => item.id, maxLength: 6 }) as fc.Arbitrary<
    TestCase[]
  >;
}

/** JSON's view of a value: what survives JSON.stringify (e.g. -0 becomes 0). */
const jsonView = (cases: TestCase[]): unknown => JSON.parse(JSON.stringify(cases));

describe("parseDataset ∘ serializeDataset", () => {
  it.each<DatasetFormat>(["json", "jsonl", "csv"])(
    "gives back the same cases as %s (string variables)",
    (format) => {
      fc.assert(
        fc.property(casesArbitrary(awkwardText), (cases) => {
          fc.pre(format !== "jsonl" || cases.length > 0);
          const text = serializeDataset(cases, format);
          expect(parseDataset(text, { format })).toEqual(jsonView(cases));
        }),
        { numRuns: 200 },
      );
    },
  );

  it.each<DatasetFormat>(["json", "jsonl", "csv"])(
    "gives back JSON values and missing variables as %s",
    (format) => {
      fc.assert(
        fc.property(casesArbitrary(fc.jsonValue({ maxDepth: 3 })), (cases) => {
          fc.pre(format !== "jsonl" || cases.length > 0);
          const text = serializeDataset(cases, format);
          expect(parseDataset(text, { format })).toEqual(jsonView(cases));
        }),
        { numRuns: 200 },
      );
    },
  );

  it("writes plain columns for string variables and __json columns for others", () => {
    const text = serializeDataset(
      [
        { id: "a", variables: { q: "x, y", profile: { age: 3 } }, expected: "fine" },
        { id: "b", variables: { q: "z" }, expected: "contains: not an assertion" },
      ],
      "csv",
    );
    expect(text).toBe(
      '__id,q,__json:profile,__expected_json\na,"x, y","{""age"":3}","""fine"""\nb,z,,"""contains: not an assertion"""\n',
    );
  });

  it("refuses CSV for variable names it cannot write as columns", () => {
    expect(() => serializeDataset([{ id: "a", variables: { __id: "x" } }], "csv")).toThrow(
      /reserved/,
    );
  });
});

describe("parseDataset on arbitrary input", () => {
  it.each<DatasetFormat>(["csv", "json", "jsonl"])(
    "throws nothing but a QuireError for %s",
    (format) => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: "binary", maxLength: 200 }),
            fc.string({
              unit: fc.constantFrom(",", '"', "\n", "\r", "{", "}", "[", "]", ":", "a", "_", "1"),
              maxLength: 60,
            }),
          ),
          (text) => {
            try {
              parseDataset(text, { format, source: "fuzz" });
            } catch (error) {
              expect(isQuireError(error)).toBe(true);
            }
          },
        ),
        { numRuns: 500 },
      );
    },
  );
});
