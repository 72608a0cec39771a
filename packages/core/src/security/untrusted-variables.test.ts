import { describe, expect, it } from "vitest";
import { compileVariablesValidator } from "../schemas/index.js";
import { marksUntrusted, transformUntrusted } from "./untrusted-variables.js";

const mark = (value: string, path: string) => `[${path}:${value}]`;

const schema = {
  type: "object",
  properties: {
    question: { type: "string" },
    ticket: { type: "string", "x-untrusted": true },
    documents: {
      type: "array",
      items: {
        type: "object",
        properties: { title: { type: "string" }, body: { type: "string", "x-untrusted": true } },
      },
    },
  },
};

describe("untrusted variables", () => {
  it("applies to the marked variables alone, however deep", () => {
    const variables = {
      question: "hi",
      ticket: "t",
      documents: [{ title: "a", body: "b" }],
      count: 3,
    };
    expect(transformUntrusted(variables, schema, [], mark)).toEqual({
      question: "hi",
      ticket: "[ticket:t]",
      documents: [{ title: "a", body: "[documents[0].body:b]" }],
      count: 3,
    });
    expect(variables.ticket).toBe("t");
  });

  it("applies to every string of a marked object or array", () => {
    const marked = {
      type: "object",
      properties: { email: { type: "object", "x-untrusted": true } },
    };
    expect(transformUntrusted({ email: { from: "x", lines: ["a", 1] } }, marked, [], mark)).toEqual(
      {
        email: { from: "[email.from:x]", lines: ["[email.lines[0]:a]", 1] },
      },
    );
  });

  it("applies to variables named in the guard options as well", () => {
    expect(transformUntrusted({ question: "q", ticket: "t" }, schema, ["question"], mark)).toEqual({
      question: "[question:q]",
      ticket: "[ticket:t]",
    });
  });

  it("applies to every string when nothing is marked", () => {
    expect(transformUntrusted({ a: "x", b: { c: "y" } }, null, [], mark)).toEqual({
      a: "[a:x]",
      b: { c: "[b.c:y]" },
    });
    expect(marksUntrusted(schema)).toBe(true);
    expect(marksUntrusted({ type: "object" })).toBe(false);
  });

  it("copies keys named like Object's own properties as data", () => {
    const variables = JSON.parse('{"__proto__": {"x": "a"}, "constructor": "b"}') as Record<
      string,
      unknown
    >;
    const result = transformUntrusted(variables, null, [], mark);
    expect(Object.keys(result)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result, "__proto__")?.value).toEqual({
      x: "[__proto__.x:a]",
    });
  });

  it("is accepted by the variables validator (ajv, as Quire configures it)", () => {
    const validator = compileVariablesValidator(schema);
    expect(validator.validate({ question: "q", ticket: "t", documents: [] })).toEqual({
      question: "q",
      ticket: "t",
      documents: [],
    });
    expect(() => validator.validate({ question: 1 })).toThrow(/question/);
  });
});
