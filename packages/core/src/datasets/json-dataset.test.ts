import { describe, expect, it } from "vitest";
import type { QuireError } from "../errors/index.js";
import { parseDataset, serializeDataset } from "./dataset-format.js";

const json = (text: string) => parseDataset(text, { format: "json", source: "cases.json" });
const jsonl = (text: string) => parseDataset(text, { format: "jsonl", source: "cases.jsonl" });

function errorOf(run: () => unknown): QuireError {
  try {
    run();
  } catch (error) {
    return error as QuireError;
  }
  throw new Error("expected an error");
}

describe("JSON and JSONL datasets", () => {
  it("accepts promptfoo's vars/assert and Quire's variables/assertions", () => {
    const cases = json(
      JSON.stringify([
        { vars: { q: "a" }, assert: [{ type: "contains", value: "x" }], description: "first" },
        {
          id: "two",
          variables: { q: { nested: [1, 2] } },
          expected: { ok: true },
          assertions: [],
          metadata: { k: 1 },
        },
      ]),
    );
    expect(cases).toEqual([
      {
        id: "case-1",
        variables: { q: "a" },
        assertions: [{ type: "contains", value: "x" }],
        metadata: { description: "first" },
      },
      {
        id: "two",
        variables: { q: { nested: [1, 2] } },
        expected: { ok: true },
        assertions: [],
        metadata: { k: 1 },
      },
    ]);
  });

  it("reads JSONL one object per line, skipping blank lines, ids by position", () => {
    const cases = jsonl('{"vars":{"q":"a"}}\n\n{"vars":{"q":"b"},"expected":"B"}\r\n');
    expect(cases).toEqual([
      { id: "case-1", variables: { q: "a" } },
      { id: "case-2", variables: { q: "b" }, expected: "B" },
    ]);
  });

  it("reports invalid JSON with the line and column of the fault", () => {
    const error = errorOf(() => json('[\n  {"vars": {"q": "a"}},\n  {"vars": {"q": "b"},}\n]'));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toMatchObject({ source: "cases.json", line: 3, column: 23 });
    expect(error.message).toMatch(
      /cases\.json, line 3, column 23: the file is not valid JSON.*trailing comma/s,
    );
    const truncated = errorOf(() => json('[{"vars": {'));
    expect(truncated.details).toMatchObject({ line: 1, column: 12 });
  });

  it("reports a bad JSONL line with its own line number", () => {
    const error = errorOf(() => jsonl('{"vars":{}}\n{"vars": {"q": tru}}\n'));
    expect(error.details).toMatchObject({ source: "cases.jsonl", line: 2, column: 19 });
    expect(error.message).toMatch(/line 2 is not valid JSON/);
  });

  it("rejects a JSONL line that is not an object, and vars that are not an object", () => {
    const notObject = errorOf(() => jsonl('{"vars":{}}\n[1, 2]\n'));
    expect(notObject.details).toMatchObject({ line: 2 });
    expect(notObject.message).toMatch(/line 2: a case must be a JSON object, but this is an array/);
    const badVars = errorOf(() => jsonl('{"vars": "q=1"}'));
    expect(badVars.details).toMatchObject({ line: 1, field: "vars" });
    expect(badVars.message).toMatch(
      /vars must be an object.*the string "q=1".*"vars": \{"question"/s,
    );
  });

  it("rejects a non-array JSON file, an empty file, unknown fields and bad assertions", () => {
    expect(errorOf(() => json('{"vars": {}}')).message).toMatch(
      /must hold a JSON array of cases, but it holds an object/,
    );
    expect(errorOf(() => json("  \n")).message).toMatch(/the file is empty/);
    expect(errorOf(() => jsonl("\n\n")).message).toMatch(/the file is empty/);
    const unknown = errorOf(() => json('[{"vars": {}, "threshold": 0.5}]'));
    expect(unknown.details).toMatchObject({ field: "[0].threshold", line: 1, column: 2 });
    expect(unknown.message).toMatch(/"threshold" is not a field of a case.*metadata/s);
    const assertion = errorOf(() => json('[{"assert": [{"type": "contains"}, {"value": 1}]}]'));
    expect(assertion.details).toMatchObject({ field: "[0].assert[1].type" });
    expect(errorOf(() => json('[{"vars": {}, "variables": {}}]')).message).toMatch(
      /both "vars" and "variables"/,
    );
  });

  it("names the line where a bad item of a JSON array starts", () => {
    const error = errorOf(() => json('[\n  {"vars": {"q": "[,{"}},\n  {"vars": ["a"]}\n]'));
    expect(error.details).toMatchObject({
      source: "cases.json",
      line: 3,
      column: 3,
      field: "[1].vars",
    });
    expect(error.message).toMatch(
      /cases\.json, line 3, column 3, field \[1\]\.vars: vars must be an object.*but it is an array/,
    );
  });

  it("rejects duplicate and malformed ids", () => {
    expect(errorOf(() => jsonl('{"id":"a"}\n{"id":"a"}')).details).toMatchObject({
      line: 2,
      field: "id",
    });
    expect(errorOf(() => json('[{"id": 7}]')).message).toMatch(
      /id must be a non-empty string.*number 7/s,
    );
  });

  it("writes promptfoo-style items", () => {
    const text = serializeDataset(
      [{ id: "a", variables: { q: "x" }, assertions: [{ type: "is-json" }] }],
      "jsonl",
    );
    expect(text).toBe('{"id":"a","vars":{"q":"x"},"assert":[{"type":"is-json"}]}\n');
  });
});
