import { describe, expect, it } from "vitest";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";
import { jsonCandidates } from "./json-candidates.js";

async function check(spec: AssertionSpec, output: string) {
  const { results } = await evaluateAssertions([spec], { output, variables: {} });
  const [result] = results;
  if (result === undefined) throw new Error("no result");
  return result;
}

const schema = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } },
  required: ["name"],
};

describe("is-json", () => {
  it("passes when the whole output parses and fails with the parser's message otherwise", async () => {
    expect((await check({ type: "is-json" }, ' {"a": [1, 2]} ')).pass).toBe(true);
    const failed = await check({ type: "is-json" }, 'Here: {"a": 1}');
    expect(failed.pass).toBe(false);
    expect(failed.reason).toContain("does not parse");
  });

  it("validates against a schema in value or options.schema", async () => {
    expect(
      (await check({ type: "is-json", value: schema }, '{"name": "Ada", "age": 3}')).pass,
    ).toBe(true);
    const invalid = await check({ type: "is-json", options: { schema } }, '{"age": -1}');
    expect(invalid.pass).toBe(false);
    expect(invalid.reason).toContain("must have required property 'name'");
    expect(invalid.reason).toContain("/age must be >= 0");
  });

  it("reports a schema that does not compile as errored", async () => {
    const result = await check({ type: "is-json", value: { type: "no-such-type" } }, "{}");
    expect(result).toMatchObject({ pass: false, errored: true });
  });
});

describe("contains-json", () => {
  it("finds JSON in prose or code fences", async () => {
    const output = 'Sure! ```json\n{"name": "Ada", "note": "a } in a string"}\n``` done';
    expect((await check({ type: "contains-json" }, output)).pass).toBe(true);
    expect((await check({ type: "contains-json", value: schema }, output)).pass).toBe(true);
    expect((await check({ type: "contains-json" }, "no json {here")).pass).toBe(false);
  });

  it("passes when any JSON found matches the schema, and fails when none does", async () => {
    const output = 'first {"x": 1} then {"name": "Bo"}';
    expect((await check({ type: "contains-json", value: schema }, output)).pass).toBe(true);
    expect((await check({ type: "contains-json", value: schema }, '{"x": 1}')).pass).toBe(false);
  });

  it("lists top-level candidates only, skipping brackets that are not JSON", () => {
    expect(jsonCandidates('[x] {"a": {"b": 1}} [1, 2]')).toEqual([{ a: { b: 1 } }, [1, 2]]);
  });
});
