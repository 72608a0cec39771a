import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { UsageError } from "../usage-error.js";
import { parseDataOption, parseVariable, parseVariables } from "./parse-variable.js";

const variableName = fc
  .string({ minLength: 1, maxLength: 20 })
  .filter((name) => !name.includes("=") && name.trim() === name && name !== "");

describe("parseVariable", () => {
  test("a value that is JSON comes back as that JSON value", () => {
    fc.assert(
      fc.property(variableName, fc.jsonValue(), (name, value) => {
        const parsed = parseVariable(`${name}=${JSON.stringify(value)}`);
        expect(parsed.name).toBe(name);
        expect(parsed.value).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  test("a value that is not JSON comes back as the exact text, '=' included", () => {
    fc.assert(
      fc.property(variableName, fc.string(), (name, text) => {
        let isJson = true;
        try {
          JSON.parse(text);
        } catch {
          isJson = false;
        }
        fc.pre(!isJson);
        expect(parseVariable(`${name}=${text}`)).toEqual({ name, value: text });
      }),
    );
  });

  test("common shapes", () => {
    expect(parseVariable("name=Ann")).toEqual({ name: "name", value: "Ann" });
    expect(parseVariable("count=3")).toEqual({ name: "count", value: 3 });
    expect(parseVariable("on=false")).toEqual({ name: "on", value: false });
    expect(parseVariable('tags=["a","b"]')).toEqual({ name: "tags", value: ["a", "b"] });
    expect(parseVariable("query=a=b")).toEqual({ name: "query", value: "a=b" });
    expect(parseVariable("empty=")).toEqual({ name: "empty", value: "" });
    expect(parseVariable("zip=007")).toEqual({ name: "zip", value: "007" });
  });

  test("text without '=' or without a name is a usage error that shows the input", () => {
    expect(() => parseVariable("name")).toThrow(UsageError);
    expect(() => parseVariable("name")).toThrow('--var expects NAME=VALUE, got "name"');
    expect(() => parseVariable("=3")).toThrow("has no variable name");
  });

  test("a later flag for the same name wins", () => {
    expect(parseVariables(["a=1", "b=x", "a=2"])).toEqual({ a: 2, b: "x" });
  });
});

describe("parseDataOption", () => {
  test("accepts a JSON object and refuses other JSON and broken JSON", () => {
    expect(parseDataOption('{"input":{"a":1}}')).toEqual({ input: { a: 1 } });
    expect(() => parseDataOption("[1]")).toThrow("must be a JSON object");
    expect(() => parseDataOption("{nope")).toThrow("--data is not valid JSON");
  });
});
