import { lineChanges } from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sideBySideRows } from "./side-by-side.js";

describe("sideBySideRows", () => {
  it("puts a replaced line next to its replacement and unchanged lines on both sides", () => {
    const rows = sideBySideRows(lineChanges("a\nb\nc", "a\nB\nc\nd"));
    expect(rows).toEqual([
      {
        left: { line: 1, text: "a", kind: "unchanged" },
        right: { line: 1, text: "a", kind: "unchanged" },
      },
      {
        left: { line: 2, text: "b", kind: "removed" },
        right: { line: 2, text: "B", kind: "added" },
      },
      {
        left: { line: 3, text: "c", kind: "unchanged" },
        right: { line: 3, text: "c", kind: "unchanged" },
      },
      { left: null, right: { line: 4, text: "d", kind: "added" } },
    ]);
  });

  it("keeps every line of both texts, in order, on its side", () => {
    const text = fc
      .array(fc.constantFrom("a", "b", "c", "", "{{x}}"), { maxLength: 12 })
      .map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(text, text, (from, to) => {
        const rows = sideBySideRows(lineChanges(from, to));
        const left = rows.flatMap((row) => (row.left === null ? [] : [row.left]));
        const right = rows.flatMap((row) => (row.right === null ? [] : [row.right]));
        expect(left.map((cell) => cell.text).join("\n")).toBe(from);
        expect(right.map((cell) => cell.text).join("\n")).toBe(to);
        expect(left.map((cell) => cell.line)).toEqual(left.map((_, index) => index + 1));
        expect(right.map((cell) => cell.line)).toEqual(right.map((_, index) => index + 1));
        // A row never holds an added line on the left or a removed one on the right.
        for (const row of rows) {
          expect(row.left?.kind).not.toBe("added");
          expect(row.right?.kind).not.toBe("removed");
        }
      }),
    );
  });
});
