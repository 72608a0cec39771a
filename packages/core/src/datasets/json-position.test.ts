import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonArrayItemOffsets } from "./json-position.js";

describe("jsonArrayItemOffsets", () => {
  it("finds where each top-level item starts, whatever the strings and layout", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 3 })),
        fc.constantFrom(undefined, 1, 2, "\t"),
        (items, indent) => {
          const text = JSON.stringify(items, null, indent);
          const offsets = jsonArrayItemOffsets(text);
          expect(offsets).toHaveLength(items.length);
          offsets.forEach((offset, index) => {
            expect(text[offset]).toBe(JSON.stringify(items[index])?.[0]);
          });
        },
      ),
    );
  });

  it("skips brackets and commas inside strings", () => {
    expect(jsonArrayItemOffsets('[ "a,[b", {"c": "],"}, 3 ]')).toEqual([2, 10, 23]);
    expect(jsonArrayItemOffsets("[]")).toEqual([]);
  });
});
