import Mustache from "mustache";
import { describe, expect, it } from "vitest";
import { list, object, rendererOf, thrown, value } from "../../testing/test-helpers.js";
import { mustacheEngine } from "./mustache-engine.js";

const render = rendererOf(mustacheEngine);

describe("Mustache engine: rendering", () => {
  it("substitutes values without HTML escaping, leaving Mustache.escape alone", () => {
    const escapeBefore = Mustache.escape;
    expect(render("{{a}}|{{{a}}}|{{&a}}|{{missing}}", { a: `<i>"&'</i>` })).toBe(
      `<i>"&'</i>|<i>"&'</i>|<i>"&'</i>|`,
    );
    expect(Mustache.escape).toBe(escapeBefore);
    expect(Mustache.render("{{a}}", { a: "<" })).toBe("&lt;");
  });

  it("renders sections over lists, objects and flags, inverted sections and parent lookups", () => {
    const source =
      "{{#xs}}<{{name}}:{{outer}}>{{/xs}}{{#user}}{{name}}{{/user}}{{#flag}}F{{/flag}}{{^none}}empty{{/none}}{{#nums}}{{.}},{{/nums}}";
    expect(
      render(source, {
        xs: [{ name: "a" }],
        outer: "o",
        user: { name: "U" },
        flag: true,
        none: [],
        nums: [1, 2],
      }),
    ).toBe("<a:o>UFempty1,2,");
  });

  it("renders partials, indenting standalone ones, the same as Mustache", () => {
    const partials = { p: "(partial {{name}})\nline2\n" };
    const source = "Hi {{name}}!\n  {{> p}}\n{{#xs}}{{> p}}{{/xs}}";
    const variables = { name: "<b>", xs: [{ name: "x" }] };
    expect(render(source, variables, partials)).toBe(
      Mustache.render(source, variables, partials, { escape: (text: unknown) => String(text) }),
    );
  });
});

describe("Mustache engine: untrusted templates", () => {
  it.each([
    "{{constructor}}",
    "{{a.constructor}}",
    "{{#constructor.constructor}}return 1{{/constructor.constructor}}",
    "{{#a}}{{constructor.name}}{{/a}}",
    "{{a.__proto__}}",
    "{{s.constructor.constructor}}",
    "{{#a}}{{toString}}{{hasOwnProperty}}{{/a}}",
    "{{> constructor}}",
  ])("cannot reach prototypes or constructors: %s", (source) => {
    expect(render(source, { a: {}, s: "x" })).toBe("");
  });

  it("still reads own properties such as a string's length", () => {
    expect(render("{{s.length}}", { s: "abc" })).toBe("3");
  });
});

describe("Mustache engine: syntax errors", () => {
  it.each([
    ["a\n{{#x}}\nb", 3, 2, "section {{#x}} is not closed"],
    ["a\n  {{/y}}", 2, 3, "{{/y}} closes a section that was never opened"],
    ["a\n{{#x}}{{/y}}", 2, 7, "section {{#x}} is closed by another tag"],
    ["a {{b", 1, 6, "a tag is not closed"],
  ])("%j → line %i, column %i", (source, line, column, reason) => {
    const error = thrown(() => mustacheEngine.compile(source));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details).toMatchObject({ engine: "mustache", line, column });
    expect(error.message).toMatch(
      new RegExp(`^Mustache syntax error at line ${line}, column ${column}: `),
    );
    expect(error.message).toContain(reason);
  });

  it("names the partial a syntax error is in", () => {
    const error = thrown(() => mustacheEngine.compile("{{> p}}", { partials: { p: "{{#open}}" } }));
    expect(error.details.partial).toBe("p");
  });
});

describe("Mustache variables", () => {
  it("reads names, dotted paths, sections as lists and inverted sections as values", () => {
    expect(
      mustacheEngine.variables(
        "{{company}} {{customer.name}} {{#examples}}{{ticket}} {{.}}{{#tags}}{{label}}{{/tags}}{{/examples}}{{^empty}}none{{/empty}}{{{raw}}}{{&amp}}{{! comment }}",
      ),
    ).toEqual([
      value("company"),
      object("customer", value("name")),
      list("examples", value("ticket"), list("tags", value("label"))),
      value("empty"),
      value("raw"),
      value("amp"),
    ]);
  });

  it("follows partials and delimiter changes", () => {
    expect(
      mustacheEngine.variables("{{> p}}{{=<% %>=}}<% changed %>", {
        partials: { p: "{{fromPartial}}" },
      }),
    ).toEqual([value("fromPartial"), value("changed")]);
  });
});
