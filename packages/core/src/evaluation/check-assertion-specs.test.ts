import { describe, expect, it } from "vitest";
import type { QuireError } from "../errors/index.js";
import { thrown } from "../testing/test-helpers.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { checkAssertionSpecs, knownAssertionTypes } from "./evaluate-assertions.js";

function problem(specs: AssertionSpec[], where = "tests[2].assert"): QuireError {
  return thrown(() => checkAssertionSpecs(specs, where));
}

describe("checkAssertionSpecs", () => {
  it("accepts known types, negated ones and nested sets", () => {
    expect(() =>
      checkAssertionSpecs(
        [
          { type: "icontains", value: "refund" },
          { type: "not-regex", value: "\\bsorry\\b", options: { flags: "i" } },
          { type: "equals" },
          {
            type: "assert-set",
            threshold: 0.5,
            assert: [{ type: "is-json" }, { type: "latency", value: 100 }],
          },
          { type: "word-count", value: { min: 1 } },
          { type: "is-json", value: { type: "object" } },
        ],
        "tests[0].assert",
      ),
    ).not.toThrow();
  });

  it("names the path, the unknown type, the nearest known type and every known type", () => {
    const error = problem([
      { type: "equals", value: "x" },
      { type: "icontain", value: "x" },
    ]);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain(
      'tests[2].assert[1].type: unknown assertion type "icontain" (did you mean "icontains"?)',
    );
    for (const type of knownAssertionTypes) expect(error.message).toContain(type);
    expect(error.details).toMatchObject({
      path: "tests[2].assert[1].type",
      type: "icontain",
      suggestion: "icontains",
    });
    expect(problem([{ type: "not-simlar", value: "x" }]).details.suggestion).toBe("not-similar");
    expect(problem([{ type: "frobnicate" }]).details.suggestion).toBeUndefined();
  });

  it.each<[AssertionSpec, string]>([
    [{ type: "regex", value: "(" }, 'tests[2].assert[0].value: the pattern "(" does not compile'],
    [{ type: "regex", value: "a", options: { flags: "q" } }, "tests[2].assert[0].value"],
    [
      { type: "similar", value: "x", threshold: 1.5 },
      "tests[2].assert[0].threshold: threshold 1.5 is out of range",
    ],
    [{ type: "levenshtein", threshold: -1 }, "tests[2].assert[0].threshold"],
    [{ type: "word-count" }, "tests[2].assert[0].value: word-count needs a value"],
    [{ type: "word-count", value: { min: "3" } }, "word-count needs a number"],
    [{ type: "latency", value: -5 }, "latency needs the largest allowed latency"],
    [{ type: "contains-any", value: 3 }, "needs a list of strings"],
    [
      { type: "is-json", value: { type: 12 } },
      "tests[2].assert[0].value: the JSON Schema does not compile",
    ],
    [{ type: "rouge-n", value: "x", options: { n: 0 } }, "tests[2].assert[0].options: options.n"],
    [{ type: "factuality", options: { scores: { Z: 1 } } }, "options.scores"],
    [{ type: "javascript", value: 42 }, "function's source code"],
    [{ type: "llm-rubric" }, "llm-rubric needs a value"],
    [{ type: "assert-set" }, "tests[2].assert[0].assert: an assert-set needs"],
    [
      { type: "assert-set", assert: [{ type: "contains" }, { type: "regex", value: "[" }] },
      "tests[2].assert[0].assert[1].value",
    ],
    [
      { type: "assert-set", assert: [{ type: "contains" }], threshold: 2 },
      "tests[2].assert[0].threshold",
    ],
    [{ type: "contains", assert: [] }, "only an assert-set has child assertions"],
    [{ type: "contains", weight: -1 }, "tests[2].assert[0].weight"],
    [{ type: "contains", extra: 1 } as AssertionSpec, "tests[2].assert[0]"],
  ])("refuses %j", (spec, message) => {
    const error = problem([spec]);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain(message);
  });
});
