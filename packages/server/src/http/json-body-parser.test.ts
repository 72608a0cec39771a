import { QuireError } from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonBody } from "./json-body-parser.js";
import { jsonErrorPosition, lineAndColumn } from "./json-error-position.js";

function parseError(text: string): QuireError {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof QuireError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe("parseJsonBody", () => {
  it("parses valid JSON", () => {
    expect(parseJsonBody('{"name":"a","n":[1,2]}')).toEqual({ name: "a", n: [1, 2] });
  });

  it("says at which line and column the JSON broke", () => {
    const error = parseError('{\n  "name": "x",\n  "template": "y"\n  "type": "text"\n}');
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.details).toMatchObject({ line: 4, column: 3 });
    expect(error.message).toContain("line 4, column 3");
  });

  it.each([
    ['{"a":}', 1, 6],
    ['{"a": tru}', 1, 10],
    ['{"a":1', 1, 7],
    ['{"a":1,}', 1, 8],
    ["[1,2", 1, 5],
    ['{"a":1}}', 1, 8],
  ])("locates the error in %s", (text, line, column) => {
    expect(parseError(text).details).toMatchObject({ line, column });
  });

  it("refuses JSON nested deeper than 1,000 levels with 400, and accepts 1,000", () => {
    const nested = (depth: number) => `${'{"a":['.repeat(depth / 2)}1${"]}".repeat(depth / 2)}`;
    expect(() => parseJsonBody(nested(1000))).not.toThrow();
    const error = parseError(nested(1002));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.details).toEqual({ limit: 1000 });
    expect(error.message).toContain("nested more than 1,000 levels deep");
    // Brackets inside strings (escaped quotes too) are text, not nesting.
    expect(parseJsonBody(`{"t":"${'[{\\"'.repeat(2000)}"}`)).toHaveProperty("t");
  });

  it("refuses an empty body and __proto__ keys with 400", () => {
    expect(parseError("  ").code).toBe("BAD_REQUEST");
    const poisoned = parseError('{"__proto__": {"admin": true}}');
    expect(poisoned.code).toBe("BAD_REQUEST");
    expect(poisoned.message).toContain("__proto__");
  });
});

describe("jsonErrorPosition", () => {
  it("agrees with V8 wherever V8 reports a position", () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 3 }),
        (json, at, junk) => {
          const index = at % (json.length + 1);
          const text = json.slice(0, index) + junk + json.slice(index);
          let v8Position: number | undefined;
          try {
            JSON.parse(text);
            return;
          } catch (error) {
            const match = / at position (\d+)/.exec((error as Error).message);
            v8Position = match === null ? undefined : Number(match[1]);
          }
          const position = jsonErrorPosition(text);
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(text.length);
          if (v8Position !== undefined) expect(position).toBe(v8Position);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("numbers lines and columns from 1", () => {
    expect(lineAndColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});
