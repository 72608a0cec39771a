import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("gives equal text for equal values whatever the key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
          item !== null && typeof item === "object" && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).reverse())
            : item,
        ) as unknown;
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        // Compared with JSON's own round trip: JSON has no -0, so -0 reads back as 0.
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps a key named __proto__ as data", () => {
    const withKey = JSON.parse('{"b": 1, "__proto__": {"x": 1}}') as unknown;
    expect(canonicalJson(withKey)).toBe('{"__proto__":{"x":1},"b":1}');
    expect(canonicalJson(withKey)).not.toBe(canonicalJson({ b: 1 }));
  });
});
