import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  capExecutionContent,
  capVariables,
  cutText,
  truncationMarker,
} from "./cap-execution-content.js";

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe("cutText", () => {
  it("keeps text that fits, else a prefix of whole characters plus the marker within the bytes", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 200 }),
        fc.integer({ min: 20, max: 300 }),
        (text, maximum) => {
          const cut = cutText(text, maximum);
          if (bytes(text) <= maximum) {
            expect(cut).toBe(text);
            return;
          }
          expect(bytes(cut)).toBeLessThanOrEqual(maximum);
          expect(cut.endsWith(truncationMarker)).toBe(true);
          const kept = cut.slice(0, -truncationMarker.length);
          expect(text.startsWith(kept)).toBe(true);
          // never half a surrogate pair
          expect(/[\uD800-\uDBFF]$/.test(kept)).toBe(false);
        },
      ),
    );
  });
});

describe("capVariables", () => {
  it("shortens long strings anywhere inside, and gives up (null) on what cannot fit", () => {
    const capped = capVariables({ a: { b: ["x".repeat(5_000)] }, n: 3 }, 1_000);
    expect(capped.truncated).toBe(true);
    expect(capped.variables).toEqual({ a: { b: [`${"x".repeat(512)}${truncationMarker}`] }, n: 3 });
    const many = Object.fromEntries(
      Array.from({ length: 200 }, (_, index) => [`k${index}`, index]),
    );
    expect(capVariables(many, 100)).toEqual({ variables: null, truncated: true });
  });

  it("leaves content that fits untouched", () => {
    expect(capExecutionContent({ q: "hi" }, "answer", 100)).toEqual({
      variables: { q: "hi" },
      output: "answer",
      truncated: false,
    });
    expect(capExecutionContent(undefined, null)).toEqual({
      variables: null,
      output: null,
      truncated: false,
    });
  });
});
