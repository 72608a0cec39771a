import { describe, expect, it } from "vitest";
import type { QuireError } from "../../errors/index.js";
import { rendererOf, thrown } from "../../testing/test-helpers.js";
import { handlebarsEngine } from "./handlebars-engine.js";

const render = rendererOf(handlebarsEngine);

describe("Handlebars engine: rendering", () => {
  it("substitutes values without HTML escaping", () => {
    expect(render("Hi {{name}} & {{{name}}}", { name: `<b>"O'Neil" & co</b>` })).toBe(
      `Hi <b>"O'Neil" & co</b> & <b>"O'Neil" & co</b>`,
    );
  });

  it("renders missing variables as nothing", () => {
    expect(render("[{{missing}}][{{a.b.c}}]")).toBe("[][]");
  });

  it("loops with @index, @first, ../ and @root, and branches with if/else", () => {
    const source =
      "{{#each items}}{{#if @first}}first {{/if}}{{@index}}:{{name}}@{{../where}}/{{@root.where}};{{/each}}{{#if flag}}yes{{else}}no{{/if}}";
    expect(
      render(source, { items: [{ name: "a" }, { name: "b" }], where: "here", flag: false }),
    ).toBe("first 0:a@here/here;1:b@here/here;no");
  });

  it("supports block parameters, with, lookup and mustache-style sections", () => {
    const source =
      "{{#each items as |item i|}}{{i}}={{item.id}} {{/each}}{{#with customer as |c|}}{{c.name}}{{/with}} {{lookup map key}} {{#list}}<{{.}}>{{/list}}{{^empty}}none{{/empty}}";
    const variables = {
      items: [{ id: 7 }],
      customer: { name: "Ada" },
      map: { k: "V" },
      key: "k",
      list: [1, 2],
    };
    expect(render(source, variables)).toBe("0=7 Ada V <1><2>none");
  });

  it("has Dotprompt's helpers", () => {
    expect(render('{{role "system"}}{{json data}}', { data: { a: "<x>" } })).toBe(
      '<<<dotprompt:role:system>>>{"a":"<x>"}',
    );
    expect(render("{{#ifEquals a b}}same{{else}}other{{/ifEquals}}", { a: 1, b: 1 })).toBe("same");
  });

  it("renders named partials, with a context and hash arguments, and inline partials", () => {
    const partials = { card: "[{{title}}: {{price}}]", greet: "hi {{who}}" };
    expect(
      render(
        "{{> card}} {{> card product}} {{> greet who=name}}",
        { title: "T", price: 1, product: { title: "P", price: 2 }, name: "Ada" },
        partials,
      ),
    ).toBe("[T: 1] [P: 2] hi Ada");
    expect(
      render('{{#*inline "row"}}<{{.}}>{{/inline}}{{#each xs}}{{> row}}{{/each}}', { xs: [1, 2] }),
    ).toBe("<1><2>");
  });

  it("refuses a partial that is not given, at compile time, with its place", () => {
    const error = thrown(() => handlebarsEngine.compile("line one\n  {{> header}}"));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details).toMatchObject({ engine: "handlebars", line: 2, column: 3 });
    expect(error.message).toContain('partial "header" is not defined');
  });

  it("reports a failure while rendering as TEMPLATE_RENDER", () => {
    const template = handlebarsEngine.compile("{{> (lookup . 'which')}}");
    const error = thrown(() => template({ which: "nowhere" }));
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(error.details.engine).toBe("handlebars");
  });
});

describe("Handlebars engine: untrusted templates", () => {
  it.each([
    "{{constructor.constructor}}",
    "{{#with this}}{{constructor.constructor}}{{/with}}",
    "{{a.constructor}}",
    "{{a.__proto__}}",
    "{{lookup a 'constructor'}}",
    "{{lookup (lookup a 'constructor') 'constructor'}}",
    "{{#with (lookup a 'constructor')}}{{name}}{{/with}}",
    "{{s.toString}}",
    "{{> constructor}}",
  ])("cannot reach prototypes or constructors: %s", (source) => {
    let output = "";
    try {
      output = render(source, { a: {}, s: "text" });
    } catch (error) {
      expect((error as QuireError).code).toMatch(/TEMPLATE_/);
    }
    expect(output).toBe("");
  });

  it("still reads own properties such as a string's length", () => {
    expect(render("{{s.length}} {{xs.length}}", { s: "abc", xs: [1, 2] })).toBe("3 2");
  });
});

describe("Handlebars engine: syntax errors", () => {
  it.each([
    ["line one\nline {{#each items}}\n{{/if}}", 2, 9, "{{#each}} is closed by {{/if}}"],
    ["a\nb {{foo bar}\nc", 2, 12, 'found "}", which cannot appear here; expected "}}}}", "}}"'],
    ["a\n{{#if x}}\nno end", 3, 7, "ended too early"],
    ["ok\n  {{unknownHelper x}}", 2, 3, 'unknown helper "unknownHelper"'],
  ])("%j → line %i, column %i", (source, line, column, reason) => {
    const error = thrown(() => handlebarsEngine.compile(source));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details).toMatchObject({ engine: "handlebars", line, column });
    expect(error.message).toMatch(
      new RegExp(`^Handlebars syntax error at line ${line}, column ${column}: `),
    );
    expect(error.message).toContain(reason);
    const [excerptLine, caret] = String(error.details.excerpt).split("\n");
    expect(excerptLine).toBe(source.split("\n")[line - 1]);
    expect(caret).toBe(`${" ".repeat(column - 1)}^`);
  });

  it("names the partial a syntax error is in", () => {
    const error = thrown(() => handlebarsEngine.compile("{{> p}}", { partials: { p: "{{#if}}" } }));
    expect(error.details.partial).toBe("p");
    expect(error.message).toContain('in partial "p"');
  });

  it("variables() reports syntax errors too", () => {
    expect(thrown(() => handlebarsEngine.variables("{{#each}")).code).toBe("TEMPLATE_SYNTAX");
  });

  it("refuses templates over the size limit", () => {
    const error = thrown(() =>
      handlebarsEngine.compile("x".repeat(2000), { maxTemplateBytes: 1000 }),
    );
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.details).toEqual({ size: 2000, limit: 1000 });
  });
});
