import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJsonSchema } from "./picoschema.js";
import { toPicoschema } from "./picoschema-inverse.js";

describe("toPicoschema", () => {
  it("finds the Picoschema of a converted schema", () => {
    const pico = {
      name: "string, full name",
      "age?": "integer",
      "tags?(array, interests)": "string",
      "address(object)": { street: "string", "zip?": "string" },
      "status(enum)": ["on", "off"],
      "(*)": "number",
    };
    expect(toPicoschema(toJsonSchema(pico))).toEqual(pico);
  });

  it("gives undefined when no Picoschema converts back to the same schema", () => {
    expect(toPicoschema({ type: "object", properties: { a: { type: "string" } } })).toBeUndefined();
    expect(
      toPicoschema({
        type: "object",
        properties: { a: { type: "string", minLength: 1 } },
        additionalProperties: false,
      }),
    ).toBeUndefined();
    expect(
      toPicoschema({
        type: "object",
        properties: { a: { type: "string", description: "x\ny" } },
        required: ["a"],
        additionalProperties: false,
      }),
    ).toBeUndefined();
    expect(toPicoschema({ type: "string" })).toBeUndefined();
  });

  // "type" at the top would make the whole mapping read as a JSON Schema.
  const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/).filter((key) => key !== "type");
  const description = fc.option(fc.stringMatching(/^[a-z][a-z ,]{0,8}[a-z]$/), { nil: undefined });
  const typed = (type: string, text: string | undefined) =>
    text === undefined ? type : `${type}, ${text}`;
  const scalar = fc
    .tuple(fc.constantFrom("string", "number", "integer", "boolean", "null", "any"), description)
    .map(([type, text]) => typed(type, text));
  const { fields } = fc.letrec<{ fields: Record<string, unknown> }>((tie) => ({
    fields: fc
      .uniqueArray(
        fc.oneof(
          fc
            .tuple(name, fc.boolean(), scalar)
            .map(([key, optional, value]) => [`${key}${optional ? "?" : ""}`, value]),
          fc
            .tuple(name, fc.boolean(), description, fc.oneof(scalar, tie("fields")))
            .map(([key, optional, text, value]) => [
              `${key}${optional ? "?" : ""}(array${text === undefined ? "" : `, ${text}`})`,
              value,
            ]),
          fc
            .tuple(name, fc.boolean(), tie("fields"))
            .map(([key, optional, value]) => [`${key}${optional ? "?" : ""}(object)`, value]),
          fc
            .tuple(name, fc.array(fc.constantFrom("a", "b", 1), { minLength: 1, maxLength: 3 }))
            .map(([key, values]) => [`${key}(enum)`, values]),
        ),
        // One field per name: "q" and "q(array)" would both be property q.
        { maxLength: 4, selector: (entry) => String(entry[0]).replace(/[?(].*$/, "") },
      )
      .map((entries) => Object.fromEntries(entries as Array<[string, unknown]>)),
  }));

  it("inverts every converted Picoschema of this grammar exactly", () => {
    fc.assert(
      fc.property(fields, (pico) => {
        const schema = toJsonSchema(pico);
        const inverse = toPicoschema(schema);
        expect(inverse).toBeDefined();
        expect(toJsonSchema(inverse)).toEqual(schema);
      }),
      { numRuns: 300 },
    );
  });
});
