import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../prompts/prompt-content.js";
import { thrown } from "../testing/test-helpers.js";
import { compileVariablesValidator } from "./compile-variables-validator.js";
import { jsonTypeOf } from "./describe-value.js";

const ticketSchema: JsonSchema = {
  type: "object",
  properties: {
    ticket: { type: "string" },
    tone: { enum: ["formal", "casual"], default: "formal" },
    customer: {
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: "integer", minimum: 0 },
        tier: { type: "string", default: "basic" },
      },
      required: ["name"],
    },
    tags: { type: "array", items: { type: "string" }, maxItems: 3 },
    email: { type: "string", format: "email" },
  },
  required: ["ticket"],
};

const validator = compileVariablesValidator(ticketSchema);

describe("variables validation", () => {
  it("accepts good variables and fills defaults, at every level, in a copy", () => {
    const input = { ticket: "T", customer: { name: "Ada" } };
    const output = validator.validate(input);
    expect(output).toEqual({
      ticket: "T",
      tone: "formal",
      customer: { name: "Ada", tier: "basic" },
    });
    expect(input).toEqual({ ticket: "T", customer: { name: "Ada" } });
    expect(output.customer).not.toBe(input.customer);
  });

  it("never changes the caller's object, whatever the defaults and the data", () => {
    const topLevelOnly = compileVariablesValidator({
      type: "object",
      properties: { a: { default: { x: 1 } }, b: { type: "object" } },
    });
    expect(topLevelOnly.fillsDefaults).toBe(true);
    const noDefaults = compileVariablesValidator({ type: "object", properties: { a: {} } });
    expect(noDefaults.fillsDefaults).toBe(false);
    const anything = fc.dictionary(
      fc.constantFrom("a", "b", "ticket", "customer", "tags"),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(anything, (input) => {
        const snapshot = structuredClone(input);
        for (const each of [validator, topLevelOnly, noDefaults]) {
          try {
            each.validate(input);
          } catch {
            // invalid data is fine here: only mutation matters
          }
        }
        expect(input).toEqual(snapshot);
      }),
    );
  });

  it("names a missing required variable and its type", () => {
    const error = thrown(() => validator.validate({}));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe('Missing required variable "ticket" (string)');
    const nested = thrown(() => validator.validate({ ticket: "T", customer: {} }));
    expect(nested.message).toBe('Missing required variable "customer.name" (string)');
  });

  it("names a wrong type with what was expected and what was given", () => {
    const error = thrown(() =>
      validator.validate({ ticket: "T", customer: { name: "A", age: "abc" } }),
    );
    expect(error.message).toBe('Variable "customer.age" must be integer, got string "abc"');
    expect(error.details.problems).toEqual([
      {
        path: "customer.age",
        keyword: "type",
        expected: "integer",
        received: 'string "abc"',
        message: 'Variable "customer.age" must be integer, got string "abc"',
      },
    ]);
  });

  it("lists the allowed values of an enum", () => {
    expect(thrown(() => validator.validate({ ticket: "T", tone: "rude" })).message).toBe(
      'Variable "tone" must be one of "formal", "casual", got string "rude"',
    );
  });

  it("checks arrays, their items and formats, and reports every problem", () => {
    const error = thrown(() =>
      validator.validate({
        ticket: 5,
        tags: ["a", 2, "c", "d"],
        email: "not an email",
        customer: { name: "x", age: -1 },
      }),
    );
    const problems = error.details.problems as { path: string; keyword: string }[];
    expect(problems.map((problem) => `${problem.path}:${problem.keyword}`).sort()).toEqual([
      "customer.age:minimum",
      "email:format",
      "tags:maxItems",
      "tags[1]:type",
      "ticket:type",
    ]);
    expect(error.message).toMatch(/^5 problems with the variables: /);
  });

  it("refuses variables an input schema with additionalProperties: false does not declare", () => {
    const closed = compileVariablesValidator({
      type: "object",
      properties: { a: {} },
      additionalProperties: false,
    });
    expect(thrown(() => closed.validate({ a: 1, b: 2 })).message).toBe(
      'Variable "b" is not declared by the input schema, which allows no others',
    );
    expect([...closed.declaredNames]).toEqual(["a"]);
  });

  it("can check only some variables (to bind them before the rest are known)", () => {
    const copy = { customer: { name: 1 } };
    expect(
      validator.problemsIn(copy, new Set(["customer"])).map((problem) => problem.path),
    ).toEqual(["customer.name"]);
    expect(validator.problemsIn({ tone: "formal" }, new Set(["tone"]))).toEqual([]);
  });

  it("never accepts a value of the wrong JSON type", () => {
    const types = ["string", "integer", "number", "boolean", "array", "object", "null"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.jsonValue(), (type, value) => {
        const actual = jsonTypeOf(value);
        const matches = actual === type || (type === "number" && actual === "integer");
        const schema = { type: "object", properties: { v: { type } }, required: ["v"] };
        const problems = compileVariablesValidator(schema).problemsIn({ v: value });
        expect(problems.length === 0).toBe(matches);
        if (!matches)
          expect(problems[0]?.message).toMatch(
            new RegExp(
              `^Variable "v" must be ${type}, got ${actual === "integer" ? "number" : actual}`,
            ),
          );
      }),
    );
  });
});

describe("input schemas", () => {
  it("refuses an invalid schema when compiling", () => {
    const error = thrown(() =>
      compileVariablesValidator({ type: "object", properties: { a: { type: "strnig" } } }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(/^The input schema is invalid: /);
  });

  it("refuses a schema that does not describe an object of variables", () => {
    expect(thrown(() => compileVariablesValidator({ type: "string" })).message).toMatch(
      /must describe an object/,
    );
  });

  it("understands 2020-12 (the default), 2019-09 and draft-07, and refuses other drafts", () => {
    const tuple2020 = compileVariablesValidator({
      type: "object",
      properties: { p: { prefixItems: [{ type: "string" }] } },
    });
    expect(tuple2020.problemsIn({ p: [1] })).toHaveLength(1);
    const draft7 = compileVariablesValidator({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { p: { items: [{ type: "string" }] } },
    });
    expect(draft7.problemsIn({ p: [1] })).toHaveLength(1);
    expect(
      compileVariablesValidator({
        $schema: "https://json-schema.org/draft/2019-09/schema",
        type: "object",
      }).problemsIn({}),
    ).toEqual([]);
    expect(
      thrown(() =>
        compileVariablesValidator({ $schema: "http://json-schema.org/draft-04/schema#" }),
      ).message,
    ).toMatch(/does not support/);
  });

  it("compiles two schemas with the same $id, and recursive references, independently", () => {
    const tree = (leaf: string): JsonSchema => ({
      $id: "https://example.com/tree",
      type: "object",
      properties: { name: { type: leaf }, children: { type: "array", items: { $ref: "#" } } },
    });
    const strings = compileVariablesValidator(tree("string"));
    const numbers = compileVariablesValidator(tree("number"));
    const data = { name: "a", children: [{ name: "b", children: [{ name: 3 }] }] };
    expect(strings.problemsIn(structuredClone(data)).map((problem) => problem.path)).toEqual([
      "children[0].children[0].name",
    ]);
    expect(numbers.problemsIn(structuredClone(data)).map((problem) => problem.path)).toEqual([
      "name",
      "children[0].name",
    ]);
  });
});
