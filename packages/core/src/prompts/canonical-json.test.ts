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
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
      }),
    );
  });

  it("keeps a key named __proto__ as data", () => {
    const withKey = JSON.parse('{"b": 1, "__proto__": {"x": 1}}') as unknown;
    expect(canonicalJson(withKey)).toBe('{"__proto__":{"x":1},"b":1}');
    expect(canonicalJson(withKey)).not.toBe(canonicalJson({ b: 1 }));
  });
});
