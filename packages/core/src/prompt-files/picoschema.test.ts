import { picoschema } from "dotprompt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import { splitDescription, toJsonSchema } from "./picoschema.js";

/** Dotprompt's answer, or the fact that it threw. */
async function dotpromptAnswer(schema: unknown): Promise<{ schema: unknown } | { threw: true }> {
  try {
    // Dotprompt mutates enum lists it is given; hand it its own copy.
    return { schema: await picoschema(structuredClone(schema)) };
  } catch {
    return { threw: true };
  }
}

async function expectParity(schema: unknown): Promise<void> {
  const expected = await dotpromptAnswer(schema);
  if ("threw" in expected) {
    let error: unknown;
    try {
      toJsonSchema(schema);
    } catch (caught) {
      error = caught;
    }
    expect(isQuireError(error) && error.code === "VALIDATION_FAILED").toBe(true);
  } else {
    expect(toJsonSchema(schema)).toEqual(expected.schema);
  }
}

describe("toJsonSchema", () => {
  const examples: Array<[string, unknown]> = [
    ["scalar fields", { name: "string", age: "integer", score: "number", ok: "boolean" }],
    ["optional field becomes nullable", { "nickname?": "string" }],
    ["description after a comma", { name: "string, the user's full name" }],
    ["description with more commas", { name: "string,   first, last" }],
    ["field typed any", { payload: "any, anything at all", "extra?": "any" }],
    ["array of scalars", { "tags(array)": "string" }],
    ["array with description", { "tags(array, the tags)": "string, one tag" }],
    ["optional array", { "tags?(array)": "string" }],
    ["array of objects", { "items(array)": { sku: "string", "qty?": "integer" } }],
    ["nested object", { "address(object, where)": { street: "string", "zip?": "string" } }],
    ["optional nested object", { "address?(object)": { street: "string" } }],
    ["enum", { "status(enum, state)": ["open", "closed"] }],
    ["optional enum gains null", { "status?(enum)": ["open", "closed"] }],
    ["optional enum keeps its null", { "status?(enum)": ["open", null] }],
    ["wildcard", { id: "string", "(*)": "number" }],
    ["wildcard of any", { "(*)": "any" }],
    ["only optional fields", { "a?": "string", "b?": "integer" }],
    ["top-level scalar", "string"],
    ["top-level scalar with description", "string, a name"],
    ["JSON Schema passes through", { type: "object", properties: { a: { type: "string" } } }],
    ["JSON Schema string", { type: "string", minLength: 2 }],
    ["properties without type", { properties: { a: { type: "string" } }, required: ["a"] }],
    ["empty description", { name: "string," }],
    ["(object) of a scalar", { "meta(object)": "string" }],
    ["field named like a type key", { "type?": "string", kind: "string" }],
  ];
  for (const [title, schema] of examples) {
    it(`matches dotprompt: ${title}`, async () => {
      await expectParity(schema);
    });
  }

  it("converts a typical schema to the expected JSON Schema", () => {
    expect(
      toJsonSchema({
        name: "string, the name",
        "tags?(array)": "string",
        "(*)": "any",
      }),
    ).toEqual({
      type: "object",
      properties: {
        name: { type: "string", description: "the name" },
        tags: { type: ["array", "null"], items: { type: "string" } },
      },
      required: ["name"],
      additionalProperties: {},
    });
  });

  it("does not mutate the enum list it is given", () => {
    const values = ["a", "b"];
    toJsonSchema({ "kind?(enum)": values });
    expect(values).toEqual(["a", "b"]);
  });

  const failures: Array<[string, unknown, string]> = [
    ["unknown scalar type", { user: { name: "strng" } }, "schema.user.name"],
    ["named schema", { user: "User" }, "schema.user"],
    ["bad parenthetical type", { "tags(list)": "string" }, "schema.tags"],
    ["missing parenthesis", { "tags(array": "string" }, "schema.tags"],
    ["number as a field value", { count: 3 }, "schema.count"],
    ["top-level named schema", "Person", "schema"],
    ["type with a space before the comma", { name: "string , desc" }, "schema.name"],
  ];
  for (const [title, schema, field] of failures) {
    it(`refuses ${title}, naming the field, as dotprompt does`, async () => {
      expect("threw" in (await dotpromptAnswer(schema))).toBe(true);
      let error: unknown;
      try {
        toJsonSchema(schema);
      } catch (caught) {
        error = caught;
      }
      expect(isQuireError(error)).toBe(true);
      if (!isQuireError(error)) return;
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.details.field).toBe(field);
      expect(error.message).toContain(field);
    });
  }

  it("uses the path it is given in messages", () => {
    expect(() => toJsonSchema({ a: "nope" }, { path: "input.schema" })).toThrow(/input\.schema\.a/);
  });

  // Documented differences: where Dotprompt's output is unusable, Quire's is usable or an error.
  it("gives {} for a top-level any (dotprompt gives the invalid {type: 'any'})", async () => {
    expect(await picoschema("any")).toEqual({ type: "any" });
    expect(toJsonSchema("any")).toEqual({});
    expect(toJsonSchema("any, whatever")).toEqual({ description: "whatever" });
  });

  it("gives {} for an optional (object) of any (dotprompt gives type [undefined, 'null'])", () => {
    expect(toJsonSchema({ "meta?(object)": "any" })).toEqual({
      type: "object",
      properties: { meta: {} },
      additionalProperties: false,
    });
  });

  it("refuses lists, null and non-list enums where dotprompt makes nonsense", () => {
    expect(() => toJsonSchema({ a: ["string"] })).toThrow(/schema\.a/);
    expect(() => toJsonSchema({ a: null })).toThrow(/schema\.a/);
    expect(() => toJsonSchema({ "a(enum)": "x" })).toThrow(/schema\.a/);
    expect(() => toJsonSchema(null)).toThrow(/empty/);
  });

  it("splits descriptions like dotprompt", () => {
    expect(splitDescription("string")).toEqual(["string", null]);
    expect(splitDescription("string, a, b")).toEqual(["string", "a, b"]);
    expect(splitDescription("a\nb, c")).toEqual(["b", "c"]);
    expect(splitDescription("a, b\nc")).toEqual(["a, b\nc", null]);
  });
});

describe("toJsonSchema parity with dotprompt on generated Picoschema", () => {
  const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
  const description = fc.oneof(
    fc.constant(""),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(" the name", "a, b", "x\ny", "  spaced"),
  );
  const typeName = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("string", "number", "integer", "boolean", "null") },
    { weight: 1, arbitrary: fc.constantFrom("any", "object", "array", "Str", "strin g") },
  );
  const scalar = fc
    .tuple(typeName, fc.option(description, { nil: undefined }))
    .map(([type, text]) => (text === undefined ? type : `${type},${text}`));

  const { fields } = fc.letrec<{ fields: Record<string, unknown> }>((tie) => ({
    fields: fc
      .array(
        fc.oneof(
          { weight: 4, arbitrary: fc.tuple(name, fc.boolean(), scalar).map(plainField) },
          {
            weight: 2,
            arbitrary: fc
              .tuple(
                name,
                fc.boolean(),
                fc.option(description, { nil: undefined }),
                fc.oneof(scalar, tie("fields")),
              )
              .map(([field, optional, text, value]) => [
                `${field}${optional ? "?" : ""}(array${text === undefined ? "" : `,${text}`})`,
                value,
              ]),
          },
          {
            weight: 2,
            arbitrary: fc
              .tuple(name, fc.boolean(), fc.option(description, { nil: undefined }), tie("fields"))
              .map(([field, optional, text, value]) => [
                `${field}${optional ? "?" : ""}(object${text === undefined ? "" : `,${text}`})`,
                value,
              ]),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(
                name,
                fc.boolean(),
                fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), {
                  maxLength: 4,
                }),
              )
              .map(([field, optional, values]) => [`${field}${optional ? "?" : ""}(enum)`, values]),
          },
          { weight: 1, arbitrary: scalar.map((value) => ["(*)", value]) },
          {
            weight: 1,
            arbitrary: fc
              .tuple(name, fc.constantFrom("(list)", "(array", "(enum x", "((object))"))
              .map(([field, suffix]) => [`${field}${suffix}`, "string"]),
          },
        ),
        { maxLength: 5 },
      )
      .map((entries) => Object.fromEntries(entries as Array<[string, unknown]>)),
  }));

  function plainField([field, optional, value]: [string, boolean, string]): [string, string] {
    return [`${field}${optional ? "?" : ""}`, value];
  }

  it("gives dotprompt's schema, or an error where dotprompt throws", async () => {
    await fc.assert(
      fc.asyncProperty(fields, async (schema) => {
        await expectParity(schema);
      }),
      { numRuns: 500 },
    );
  });

  it("passes any typed JSON Schema through unchanged", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("string", "number", "integer", "boolean", "null", "object", "array"),
        fc.dictionary(name, fc.jsonValue(), { maxKeys: 4 }),
        (type, rest) => {
          const schema = { ...rest, type };
          expect(toJsonSchema(schema)).toBe(schema);
        },
      ),
    );
  });
});
