import { runResponseSchema } from "@quire/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldsOutsideSchema } from "./fields-outside-schema.js";

describe("fieldsOutsideSchema", () => {
  const schema = z.object({
    name: z.string(),
    items: z.array(z.object({ id: z.string() })),
    maybe: z.object({ deep: z.object({ leaf: z.number() }) }).optional(),
    either: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]).nullable(),
    open: z.record(z.string(), z.unknown()).optional(),
  });

  it("finds nothing in a value that keeps to the schema", () => {
    const value = {
      name: "x",
      items: [{ id: "1" }],
      either: { b: "y" },
      open: { any: { thing: 1 } },
    };
    expect(fieldsOutsideSchema(schema, value)).toEqual([]);
  });

  it("names each undeclared field by its path, at any depth", () => {
    const value = {
      name: "x",
      extra: 1,
      items: [{ id: "1" }, { id: "2", secret: true }],
      maybe: { deep: { leaf: 1, hidden: "h" } },
      either: { a: "y", leak: 1 },
    };
    expect(fieldsOutsideSchema(schema, value)).toEqual([
      "extra",
      "items.1.secret",
      "maybe.deep.hidden",
      "either.leak",
    ]);
  });

  it("reads the run answer's contract (a field outside it is found)", () => {
    expect(fieldsOutsideSchema(runResponseSchema, { output: "x", internal: 1 })).toEqual([
      "internal",
    ]);
    expect(fieldsOutsideSchema(runResponseSchema, { usage: { inputTokens: 1, raw: {} } })).toEqual([
      "usage.raw",
    ]);
  });
});
