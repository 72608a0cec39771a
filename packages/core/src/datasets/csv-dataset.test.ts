import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QuireError } from "../errors/index.js";
import { parseDataset, serializeDataset } from "./dataset-format.js";

const csv = (text: string) => parseDataset(text, { format: "csv", source: "cases.csv" });

function errorOf(run: () => unknown): QuireError {
  try {
    run();
  } catch (error) {
    return error as QuireError;
  }
  throw new Error("expected an error");
}

describe("CSV datasets", () => {
  it("reads columns as variables, with quoted commas, quotes and line breaks", () => {
    const cases = csv(
      'question,context\n"Refund, please","He said ""no""\nthen left"\nplain,é 🚀\n',
    );
    expect(cases).toEqual([
      {
        id: "case-1",
        variables: { question: "Refund, please", context: 'He said "no"\nthen left' },
      },
      { id: "case-2", variables: { question: "plain", context: "é 🚀" } },
    ]);
  });

  it("reads __id, plain __expected, __description and __metadata columns", () => {
    const cases = csv(
      "__id,question,__expected,__description,__metadata:category,__metadata:tags[]\n" +
        'r1,Where is my refund?,It is on its way,refund status,billing,"a, b,c\\,d"\n' +
        "r2,Hi,,,,\n",
    );
    expect(cases).toEqual([
      {
        id: "r1",
        variables: { question: "Where is my refund?" },
        expected: "It is on its way",
        metadata: { description: "refund status", category: "billing", tags: ["a", "b", "c,d"] },
      },
      { id: "r2", variables: { question: "Hi" } },
    ]);
  });

  it("turns promptfoo assertion strings in __expected columns into assertions", () => {
    const [testCase] = csv(
      "q,__expected,__expected1,__expected2,__expected3,__expected4,__expected5,__expected6\n" +
        'x,contains: refund,not-icontains: sorry,regex: ^\\d+$,similar(0.8): the answer,"javascript: output.length < 100",grade: is polite,is-json\n',
    );
    expect(testCase?.expected).toBeUndefined();
    expect(testCase?.assertions).toEqual([
      { type: "contains", value: "refund" },
      { type: "not-icontains", value: "sorry" },
      { type: "regex", value: "^\\d+$" },
      { type: "similar", value: "the answer", threshold: 0.8 },
      { type: "javascript", value: "output.length < 100" },
      { type: "llm-rubric", value: "is polite" },
      { type: "is-json" },
    ]);
  });

  it("splits contains-any lists, keeps plain text in __expectedN as equals, and reads __assertions", () => {
    const [testCase] = csv(
      'q,__expected,__expected1,__assertions\nx,"contains-any: a, b",exactly this,"[{""type"":""word-count"",""value"":3}]"\n',
    );
    expect(testCase?.assertions).toEqual([
      { type: "contains-any", value: ["a", "b"] },
      { type: "equals", value: "exactly this" },
      { type: "word-count", value: 3 },
    ]);
  });

  it("keeps text that only looks like a prefix as the expected value", () => {
    const [testCase] = csv("q,__expected\nx,Note: refunds take 5 days\n");
    expect(testCase?.expected).toBe("Note: refunds take 5 days");
    expect(testCase?.assertions).toBeUndefined();
  });

  it("reads __json columns as JSON and leaves empty ones out", () => {
    const cases = csv('__json:profile,__json:count,name\n"{""age"":3}",4,a\n,,b\n');
    expect(cases[0]?.variables).toEqual({ profile: { age: 3 }, count: 4, name: "a" });
    expect(cases[1]?.variables).toEqual({ name: "b" });
  });

  it("handles CRLF line endings, a byte order mark and blank lines", () => {
    const cases = csv('\uFEFFa,b\r\n1,"x\r\ny"\r\n\r\n3,4\r\n');
    expect(cases.map((testCase) => testCase.variables)).toEqual([
      { a: "1", b: "x\r\ny" },
      { a: "3", b: "4" },
    ]);
  });

  it("reports an unclosed quote with its line and column", () => {
    const error = errorOf(() => csv('a,b\n1,2\n3,"oops\n5,6\n'));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toMatchObject({
      source: "cases.csv",
      line: 3,
      column: 3,
      row: 2,
      columnName: "b",
    });
    expect(error.message).toMatch(/cases\.csv, line 3, column 3.*never closed.*two quotes/s);
  });

  it("reports a row with more fields than the header, by row and line", () => {
    const error = errorOf(() => csv('a,b\n"multi\nline",2\n1,2,3\n'));
    expect(error.details).toMatchObject({ line: 4, row: 2 });
    expect(error.message).toMatch(
      /3 fields but the header has 2.*Quote fields that contain commas/s,
    );
    expect(errorOf(() => csv("a,b\n1\n")).message).toMatch(/1 fields but the header has 2/);
  });

  it("reports a duplicate header, an unnamed column and an unknown __ column", () => {
    const duplicate = errorOf(() => csv("a,b,a\n1,2,3\n"));
    expect(duplicate.details).toMatchObject({
      line: 1,
      row: 0,
      columnName: "a",
      field: "column 3",
    });
    expect(duplicate.message).toMatch(/names "a" twice \(columns 1 and 3\)/);
    expect(errorOf(() => csv("a,,b\n1,2,3\n")).message).toMatch(
      /column 2 of the header has no name/,
    );
    expect(errorOf(() => csv("q,__threshold\nx,1\n")).message).toMatch(
      /"__threshold" is not a column.*__expected/s,
    );
  });

  it("reports duplicate ids and an empty file", () => {
    expect(errorOf(() => csv("__id,q\nr1,a\nr1,b\n")).message).toMatch(
      /"r1" is used twice \(cases 1 and 2\)/,
    );
    const empty = errorOf(() => csv(""));
    expect(empty.message).toMatch(/cases\.csv: the file is empty/);
    expect(empty.details).toEqual({ source: "cases.csv" });
  });

  it("reports bad JSON in a __json cell and a bad threshold, naming row and column", () => {
    const json = errorOf(() => csv("q,__json:profile\nx,{oops\n"));
    expect(json.message).toMatch(/variable "profile" \(row 1\) is not valid JSON/);
    expect(json.details).toMatchObject({ line: 2 });
    const threshold = errorOf(() => csv("q,__expected\nx,similar(high): yes\n"));
    expect(threshold.details).toMatchObject({ row: 1, columnName: "__expected" });
    expect(threshold.message).toMatch(/threshold "high".*similar\(0\.8\): value/s);
  });

  it("gives case ids from __id and keeps a plain id column as a variable", () => {
    expect(csv("__id,id,q\nrefund-late,7,Where?\nrefund-早,8,Why?\n")).toEqual([
      { id: "refund-late", variables: { id: "7", q: "Where?" } },
      { id: "refund-早", variables: { id: "8", q: "Why?" } },
    ]);
    expect(csv("id,q\nr1,a\n")).toEqual([{ id: "case-1", variables: { id: "r1", q: "a" } }]);
  });

  it("refuses an empty __id cell with its line, row and column, whatever the other rows hold", () => {
    const error = errorOf(() => csv('__id,q\nr1,"two\nlines"\n,b\nr3,c\n'));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toEqual({
      source: "cases.csv",
      line: 4,
      row: 2,
      columnName: "__id",
      field: "__id",
    });
    expect(error.message).toBe(
      'cases.csv, line 4, row 2, column "__id": the case id is empty. Give every row an id in the __id column (ids are what comparisons and --resume pair on), or remove the column to get case-<n> ids.',
    );
  });

  it("refuses a repeated __id naming both rows and the column, and an id over 200 characters", () => {
    const repeated = errorOf(() => csv("__id,q\nr1,a\nr2,b\nr1,c\n"));
    expect(repeated.details).toEqual({
      source: "cases.csv",
      line: 4,
      row: 3,
      columnName: "__id",
      field: "__id",
    });
    expect(repeated.message).toMatch(
      /^cases\.csv, line 4, row 3, column "__id": case id "r1" is used twice \(cases 1 and 3\)/,
    );
    const long = errorOf(() => csv(`__id,q\n${"x".repeat(201)},a\n`));
    expect(long.details).toMatchObject({ line: 2, row: 1, columnName: "__id" });
    expect(long.message).toMatch(/at most 200 characters/);
  });

  it("round-trips any case ids through export as __id, beside a variable named id", () => {
    const id = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 200 })
      .filter((text) => text.length <= 200);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id, value: fc.string() }), {
          selector: (item) => item.id,
          minLength: 1,
          maxLength: 5,
        }),
        (items) => {
          const cases = items.map((item) => ({ id: item.id, variables: { id: item.value } }));
          const text = serializeDataset(cases, "csv");
          expect(text.startsWith("__id,id\n")).toBe(true);
          expect(csv(text)).toEqual(cases);
        },
      ),
      { numRuns: 200 },
    );
  });
});
