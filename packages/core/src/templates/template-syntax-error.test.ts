import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clampPosition,
  positionOfOffset,
  sourceExcerpt,
  templateSyntaxError,
} from "./template-syntax-error.js";

describe("templateSyntaxError", () => {
  it("says engine, line, column and reason, with the line and a caret as the excerpt", () => {
    const error = templateSyntaxError(
      "jinja2",
      "one\n\tfor x\nthree",
      { line: 2, column: 3 },
      'expected "endfor"',
    );
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.message).toBe('Jinja2 syntax error at line 2, column 3: expected "endfor"');
    expect(error.details).toEqual({
      engine: "jinja2",
      line: 2,
      column: 3,
      excerpt: "\tfor x\n\t ^",
    });
  });

  it("keeps positions inside the source", () => {
    expect(clampPosition("ab\ncd", { line: 9, column: 9 })).toEqual({ line: 2, column: 3 });
    expect(clampPosition("ab", { line: 0, column: -4 })).toEqual({ line: 1, column: 1 });
  });
});

describe("positionOfOffset", () => {
  it("finds the line and column of every offset", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (source, seed) => {
        const offset = source.length === 0 ? 0 : seed % source.length;
        const { line, column } = positionOfOffset(source, offset);
        const lines = source.slice(0, offset).split("\n");
        expect(line).toBe(lines.length);
        expect(column).toBe((lines[lines.length - 1] ?? "").length + 1);
      }),
    );
  });

  it("puts the caret under the column", () => {
    expect(sourceExcerpt("abc\ndefg", { line: 2, column: 4 })).toBe("defg\n   ^");
  });
});
