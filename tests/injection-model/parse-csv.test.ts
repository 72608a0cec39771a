import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../scripts/injection-model/parse-csv.js";

function toCsv(rows: string[][]): string {
  return rows
    .map((row) =>
      row
        .map((field) => (/[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field))
        .join(","),
    )
    .join("\n");
}

describe("parseCsv", () => {
  it("reads quoted fields with commas, line breaks and doubled quotes", () => {
    const text = 'prompt,type\n"Say ""hi"", then\nleave",benign\r\nplain,jailbreak\n';
    expect(parseCsv(text)).toEqual([
      ["prompt", "type"],
      ['Say "hi", then\nleave', "benign"],
      ["plain", "jailbreak"],
    ]);
  });

  it("keeps empty fields, and refuses a quote left open", () => {
    expect(parseCsv("a,,c\n,\n")).toEqual([
      ["a", "", "c"],
      ["", ""],
    ]);
    expect(() => parseCsv('a,"open\n')).toThrow(/inside a quoted field/);
  });

  it("reads back what a writer quoted (property)", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", " ", "é") });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          // A row of one empty field is written as an empty line, which reads as no row.
          expect(parseCsv(toCsv(rows))).toEqual(rows);
        },
      ),
    );
  });
});
