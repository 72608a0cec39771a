import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { extractJson, parseJsonOutput } from "./json-output.js";
import { jsonSyntaxProblem } from "./json-syntax-error.js";

describe("extractJson", () => {
  it("reads bare JSON, of any type", () => {
    expect(extractJson('  {"a": 1}\n')).toEqual({
      value: { a: 1 },
      source: "bare",
      start: 2,
      end: 10,
    });
    expect(parseJsonOutput("42")).toBe(42);
    expect(parseJsonOutput('"text"')).toBe("text");
  });

  it("reads the first ```json block that parses, and unlabelled blocks, skipping other languages", () => {
    const text = [
      "Here is some code:",
      "```python",
      "[1, 2]",
      "```",
      "and the result:",
      "```json",
      '{"ok": true}',
      "```",
    ].join("\n");
    const found = extractJson(text);
    expect(found.value).toEqual({ ok: true });
    expect(found.source).toBe("fenced");
    expect(text.slice(found.start, found.end)).toBe('{"ok": true}');
    expect(parseJsonOutput("```\n[1, 2]\n```")).toEqual([1, 2]);
    expect(parseJsonOutput("```JSON\n{}\n```")).toEqual({});
  });

  it("finds the first balanced object or array in prose, not fooled by brackets in strings", () => {
    const text =
      'Sure! The answer is {"open": "{", "close": "}]", "list": [1, {"x": "\\"}"}]} as asked.';
    expect(parseJsonOutput(text)).toEqual({ open: "{", close: "}]", list: [1, { x: '"}' }] });
    expect(extractJson(text).source).toBe("embedded");
  });

  it("skips bracketed prose that is not JSON and keeps looking", () => {
    expect(parseJsonOutput('See [note 1] and {this}: then ["a", "b"] is the list.')).toEqual([
      "a",
      "b",
    ]);
  });

  it("says the output is empty", () => {
    const error = thrown(() => extractJson("  \n"));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(/^Expected JSON, but the output is empty/);
  });

  it("says there is no JSON at all, quoting the start of the output", () => {
    const error = thrown(() => extractJson("I cannot answer that."));
    expect(error.message).toBe(
      'Expected JSON (bare, in a ```json block, or as an object or array inside the text), but the output holds no { or [ and is not JSON itself; the output starts with "I cannot answer that."',
    );
  });

  it("points at the line and column where a ```json block stops being JSON", () => {
    const text = 'Result:\n```json\n{\n  "name": "Ada",\n  "age": ,\n}\n```';
    const error = thrown(() => extractJson(text));
    expect(error.message).toContain("the ```json block at line 2 is not valid JSON");
    expect(error.message).toContain("expected a value");
    expect(error.details).toMatchObject({ line: 5, column: 10 });
  });

  it("says when an object is never closed (a reply cut off)", () => {
    const error = thrown(() => extractJson('Here: {"items": [1, 2, 3'));
    expect(error.message).toContain("the object opened at line 1, column 7 is not valid JSON");
    expect(error.message).toContain("never closed");
    expect(error.details).toMatchObject({ line: 1, column: 7 });
  });

  it("names a trailing comma at its place", () => {
    const error = thrown(() => extractJson('Data: {"a": 1,}'));
    expect(error.message).toContain("expected a double-quoted property name");
    expect(error.details).toMatchObject({ line: 1, column: 15 });
  });
});

describe("jsonSyntaxProblem", () => {
  it("agrees with JSON.parse on what is valid", () => {
    for (const text of ['{"a":[1,2.5e3,-0,true,null,"\\u00e9"]}', "[]", '"x"', " 3 "]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonSyntaxProblem(text)).toBeUndefined();
    }
    for (const text of ["{a:1}", "[1 2]", '"\\x"', "01", '{"a":1}}', "tru", '"a\nb"', ""]) {
      expect(() => JSON.parse(text)).toThrow();
      expect(jsonSyntaxProblem(text)).toBeDefined();
    }
  });

  it("says where and why", () => {
    expect(jsonSyntaxProblem('{"a":}')).toEqual({
      offset: 5,
      reason: "expected a value (object, array, string, number, true, false or null)",
    });
    expect(jsonSyntaxProblem('{"a":1')).toEqual({
      offset: 6,
      reason: "expected ',' or '}' after a property value, but the text ends",
    });
  });
});
