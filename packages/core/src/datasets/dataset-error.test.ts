import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datasetError, lineAndColumnAt, lineIndex } from "./dataset-error.js";

describe("line and column of an offset", () => {
  it("counts \\n, \\r\\n and \\r as one line break each", () => {
    expect(lineAndColumnAt("ab\r\ncd\ref\ngh", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumnAt("ab\r\ncd\ref\ngh", 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumnAt("ab\r\ncd\ref\ngh", 11)).toEqual({ line: 4, column: 2 });
  });

  it("gives the same answer through the index as by scanning", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "\n", "\r", "\r\n") }),
        fc.nat(),
        (text, seed) => {
          const offset = text.length === 0 ? 0 : seed % (text.length + 1);
          expect(lineIndex(text)(offset)).toEqual(lineAndColumnAt(text, offset));
        },
      ),
    );
  });
});

describe("datasetError", () => {
  it("puts the place first in the message and every known fact in the details", () => {
    const error = datasetError(
      { source: "a.csv", line: 4, column: 2, row: 3, columnName: "q" },
      "it is bad",
      "Fix it.",
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe('a.csv, line 4, column 2, row 3, column "q": it is bad. Fix it.');
    expect(error.details).toEqual({ source: "a.csv", line: 4, column: 2, row: 3, columnName: "q" });
  });
});
