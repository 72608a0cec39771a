import { describe, expect, it } from "vitest";
import type { AssertionInput } from "./assertion-context.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";

async function check(spec: AssertionSpec, output: string, input: Partial<AssertionInput> = {}) {
  const { results } = await evaluateAssertions([spec], { output, variables: {}, ...input });
  const [result] = results;
  if (result === undefined) throw new Error("no result");
  return result;
}

describe("equals", () => {
  it("passes on the same text and fails on any difference, saying where", async () => {
    expect((await check({ type: "equals", value: "Paris" }, "Paris")).pass).toBe(true);
    const failed = await check({ type: "equals", value: "Paris" }, "Paris ");
    expect(failed).toMatchObject({ pass: false, score: 0 });
    expect(failed.reason).toContain("leading or trailing whitespace");
    expect((await check({ type: "equals", value: "Paris" }, "Parks")).reason).toContain(
      "character 4",
    );
  });

  it("compares JSON deeply when the value is an object, ignoring key order", async () => {
    const spec = { type: "equals", value: { a: 1, b: [1, { c: "x" }] } };
    expect((await check(spec, '{"b":[1,{"c":"x"}],"a":1}')).pass).toBe(true);
    expect((await check(spec, '{"b":[1,{"c":"y"}],"a":1}')).pass).toBe(false);
    expect((await check(spec, "not json")).reason).toContain("not JSON");
  });

  it("uses the case's expected output when the value is absent", async () => {
    expect((await check({ type: "equals" }, "42", { expected: "42" })).pass).toBe(true);
    expect((await check({ type: "equals" }, '{"x":1}', { expected: { x: 1 } })).pass).toBe(true);
    const missing = await check({ type: "equals" }, "42");
    expect(missing).toMatchObject({ pass: false, errored: true });
    expect(missing.reason).toContain("no expected output");
  });
});

describe("contains family", () => {
  it("contains is case-sensitive, icontains is not, and the reason quotes the output", async () => {
    expect((await check({ type: "contains", value: "refund" }, "A refund is due")).pass).toBe(true);
    expect((await check({ type: "contains", value: "refund" }, "A REFUND is due")).pass).toBe(
      false,
    );
    expect((await check({ type: "icontains", value: "refund" }, "A REFUND is due")).pass).toBe(
      true,
    );
    const failed = await check({ type: "icontains", value: "refund" }, "No money back");
    expect(failed.reason).toBe(
      'expected output to contain "refund" (case-insensitive); it does not. Output starts: "No money back"',
    );
  });

  it("contains-any and contains-all take a list or a comma-separated string", async () => {
    expect((await check({ type: "contains-any", value: ["cat", "dog"] }, "a dog")).pass).toBe(true);
    expect((await check({ type: "contains-any", value: "cat, dog" }, "a bird")).pass).toBe(false);
    expect((await check({ type: "contains-all", value: ["cat", "dog"] }, "cat and dog")).pass).toBe(
      true,
    );
    const missing = await check({ type: "contains-all", value: ["cat", "dog"] }, "cat only");
    expect(missing.pass).toBe(false);
    expect(missing.reason).toContain('missing ["dog"]');
    expect((await check({ type: "icontains-any", value: ["CAT"] }, "a cat")).pass).toBe(true);
    expect((await check({ type: "icontains-all", value: ["CAT", "Dog"] }, "cat dog")).pass).toBe(
      true,
    );
    expect((await check({ type: "icontains-all", value: ["CAT", "Dog"] }, "cat")).pass).toBe(false);
  });

  it("starts-with checks the beginning only", async () => {
    expect((await check({ type: "starts-with", value: "Dear" }, "Dear Ada")).pass).toBe(true);
    expect((await check({ type: "starts-with", value: "Dear" }, "Hi, Dear")).pass).toBe(false);
  });

  it("substitutes {{variables}} in the value with Handlebars", async () => {
    const variables = { customer: { name: "Ada" }, items: ["x", "y"] };
    expect(
      (
        await check({ type: "contains", value: "Hello {{customer.name}}" }, "Hello Ada!", {
          variables,
        })
      ).pass,
    ).toBe(true);
    expect(
      (
        await check(
          {
            type: "contains-all",
            value: ["{{customer.name}}", "{{#each items}}{{this}}{{/each}}"],
          },
          "Ada: xy",
          { variables },
        )
      ).pass,
    ).toBe(true);
    const broken = await check({ type: "contains", value: "{{#if}}" }, "x", { variables });
    expect(broken).toMatchObject({ errored: true, pass: false });
  });
});
