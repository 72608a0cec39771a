import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { compilePrompt, type RenderResult } from "./compile-prompt.js";
import type { PromptContent } from "./prompt-content.js";

const textOf = (result: RenderResult) => ("text" in result ? result.text : undefined);

const withSchema: PromptContent = {
  type: "text",
  engine: "handlebars",
  template: "{{greeting}}, {{name}} ({{tone}})",
  inputSchema: {
    type: "object",
    properties: {
      greeting: { type: "string" },
      name: { type: "string" },
      tone: { enum: ["formal", "casual"], default: "formal" },
    },
    required: ["greeting", "name"],
  },
  outputSchema: null,
  config: {},
  metadata: {},
};

describe("partial application", () => {
  const prompt = compilePrompt(withSchema);

  it("binds some variables now; the result needs only the rest", () => {
    const greeter = prompt.partial({ greeting: "Hello" });
    expect(greeter.variables.map((variable) => variable.name)).toEqual(["name", "tone"]);
    expect(greeter.render({ name: "Ada" })).toEqual({
      text: "Hello, Ada (formal)",
      variables: { name: "Ada", greeting: "Hello", tone: "formal" },
    });
    expect(thrown(() => greeter.render({})).message).toBe(
      'Missing required variable "name" (string)',
    );
  });

  it("refuses a later value for a bound name", () => {
    const greeter = prompt.partial({ greeting: "Hello" });
    const error = thrown(() => greeter.render({ name: "Ada", greeting: "Hi" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(/^Variable "greeting" is already bound by partial\(\)/);
    expect(thrown(() => greeter.partial({ greeting: "Hi" })).message).toMatch(/already bound/);
  });

  it("validates bound values when binding, and refuses names the prompt does not take", () => {
    expect(thrown(() => prompt.partial({ tone: "rude" })).message).toBe(
      'Variable "tone" must be one of "formal", "casual", got string "rude"',
    );
    expect(thrown(() => prompt.partial({ nmae: "x" })).message).toMatch(/Cannot bind "nmae"/);
  });

  it("chains, copies what it binds and leaves the original prompt unbound", () => {
    const bound = { greeting: "Hello" };
    const greeter = prompt.partial(bound);
    bound.greeting = "changed";
    const formal = greeter.partial({ tone: "casual" });
    expect(textOf(formal.render({ name: "Ada" }))).toBe("Hello, Ada (casual)");
    expect(textOf(prompt.render({ greeting: "Hi", name: "Bo" }))).toBe("Hi, Bo (formal)");
    expect(formal.variables.map((variable) => variable.name)).toEqual(["name"]);
  });

  it("in strict mode names unknown variables but not bound ones twice", () => {
    const greeter = prompt.partial({ greeting: "Hello" });
    const error = thrown(() =>
      greeter.render({ name: "Ada", greeting: "x", extra: 1 }, { strict: true }),
    );
    expect(
      (error.details.problems as { keyword: string; path: string }[]).map(
        (problem) => `${problem.keyword}:${problem.path}`,
      ),
    ).toEqual(["bound:greeting", "unknown:extra"]);
  });

  it("works without a schema too, where strict mode needs only the unbound variables", () => {
    const plain = compilePrompt({
      ...withSchema,
      inputSchema: null,
      engine: "mustache",
      template: "{{a}}-{{b}}",
    });
    const bound = plain.partial({ a: 1 });
    expect(textOf(bound.render({ b: 2 }, { strict: true }))).toBe("1-2");
    expect(thrown(() => bound.render({}, { strict: true })).message).toBe(
      'Missing variable "b" (strict mode): the template reads it',
    );
  });
});
