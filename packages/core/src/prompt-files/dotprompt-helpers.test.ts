import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { dotpromptHelperNames, registerDotpromptHelpers } from "./dotprompt-helpers.js";

function render(template: string, context: Record<string, unknown> = {}): string {
  const environment = Handlebars.create();
  registerDotpromptHelpers(environment);
  return environment.compile(template, { noEscape: true })(context);
}

describe("registerDotpromptHelpers", () => {
  it("registers every Dotprompt helper on the environment it is given, and only there", () => {
    const environment = Handlebars.create();
    registerDotpromptHelpers(environment);
    for (const name of dotpromptHelperNames)
      expect(environment.helpers[name]).toBeTypeOf("function");
    expect(Handlebars.create().helpers.role).toBeUndefined();
  });

  it("prints Dotprompt's marker strings", () => {
    expect(render('{{role "system"}}{{history}}{{section "code"}}')).toBe(
      "<<<dotprompt:role:system>>><<<dotprompt:history>>><<<dotprompt:section code>>>",
    );
    expect(
      render('{{media url=u contentType="image/png"}}|{{media url=u}}', { u: "http://a" }),
    ).toBe("<<<dotprompt:media:url http://a image/png>>>|<<<dotprompt:media:url http://a>>>");
  });

  it("prints JSON, indented on request, without HTML escaping", () => {
    expect(render("{{json value}}", { value: { a: "<b>", n: [1] } })).toBe('{"a":"<b>","n":[1]}');
    expect(render("{{json value indent=2}}", { value: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(render("{{json missing}}")).toBe("undefined");
  });

  it("compares with === in ifEquals and unlessEquals, with else branches", () => {
    const template = "{{#ifEquals a b}}same{{else}}different{{/ifEquals}}";
    expect(render(template, { a: 1, b: 1 })).toBe("same");
    expect(render(template, { a: 1, b: "1" })).toBe("different");
    const unless = "{{#unlessEquals a b}}not {{a}}{{else}}equal{{/unlessEquals}}";
    expect(render(unless, { a: "x", b: "y" })).toBe("not x");
    expect(render(unless, { a: "x", b: "x" })).toBe("equal");
  });
});
