import { describe, expect, it } from "vitest";
import type { QuireError } from "../../errors/index.js";
import { list, object, rendererOf, thrown, value } from "../../testing/test-helpers.js";
import { nunjucksEngine } from "./nunjucks-engine.js";

const render = rendererOf(nunjucksEngine);

describe("Jinja2 engine: rendering", () => {
  it("substitutes values without autoescaping, and missing ones as nothing", () => {
    expect(render("{{ a }}|{{ missing }}|{{ b.c }}", { a: `<i>"&'</i>` })).toBe(`<i>"&'</i>||`);
  });

  it("loops, branches, sets, filters and macros like Jinja2", () => {
    const source =
      "{% for x in xs %}{{ loop.index }}:{{ x.name | upper }}{% if not loop.last %}, {% endif %}{% else %}none{% endfor %}" +
      "{%- set total = xs | length -%} ({{ total }}){% macro tag(n) %}<{{ n }}>{% endmacro %}{{ tag(who) }}";
    expect(render(source, { xs: [{ name: "a" }, { name: "b" }], who: "w" })).toBe("1:A, 2:B(2)<w>");
  });

  it("allows common string and list methods", () => {
    expect(
      render("{{ s.toUpperCase() }} {{ xs.join('-') }} {{ s.length }}", { s: "ab", xs: [1, 2] }),
    ).toBe("AB 1-2 2");
  });

  it("includes named partials, which see the including template's variables", () => {
    const partials = { header: "[{{ title }}]", item: "<{{ x }}>" };
    expect(
      render(
        "{% include 'header' %}{% for x in xs %}{% include 'item' %}{% endfor %}",
        { title: "T", xs: [1, 2] },
        partials,
      ),
    ).toBe("[T]<1><2>");
  });

  it("refuses unknown filters, tests and partials when compiling, with their place", () => {
    for (const [source, reason, column] of [
      ["x\n{{ a | nofilter }}", 'unknown filter "nofilter"', 8],
      ["x\n{{ a is notatest }}", 'unknown test "notatest"', 9],
      ["x\n{% include 'nowhere' %}", 'partial "nowhere" is not defined', 12],
    ] as const) {
      const error = thrown(() => nunjucksEngine.compile(source));
      expect(error.code).toBe("TEMPLATE_SYNTAX");
      expect(error.details).toMatchObject({ engine: "jinja2", line: 2, column });
      expect(error.message).toContain(reason);
    }
  });

  it("reports a failure while rendering as TEMPLATE_RENDER without nunjucks' path prefix", () => {
    const error = thrown(() => render("{{ nothing() }}"));
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(error.message).toBe(
      "Jinja2 could not render the template: Unable to call `nothing`, which is undefined or falsey",
    );
  });
});

describe("Jinja2 engine: untrusted templates", () => {
  it.each([
    `{{ range.constructor("return process")() }}`,
    `{{ cycler.constructor("return process")() }}`,
    `{{ joiner.constructor.constructor("return 1")() }}`,
    `{{ constructor.constructor("return 1")() }}`,
    `{{ "".constructor.constructor("return 1")() }}`,
    `{{ a["constructor"]["constructor"]("return 1")() }}`,
    `{% set k = "const" + "ructor" %}{{ a[k][k]("return 1")() }}`,
    `{{ a.__proto__ }}{{ a.prototype }}{{ range.call }}{{ s.valueOf() }}`,
    `{{ a | constructor }}`,
  ])("cannot reach prototypes or constructors: %s", (source) => {
    let output = "";
    try {
      output = render(source, { a: {}, s: "x" });
    } catch (error) {
      expect((error as QuireError).code).toMatch(/TEMPLATE_/);
    }
    expect(output).not.toMatch(/process|function|\[object|^1$/);
  });
});

describe("Jinja2 engine: syntax errors", () => {
  it.each([
    ["a\n  {% for x in items %}\n{{ x }}\n", 2, 6, 'expected "endfor" to close this "for" tag'],
    ["a\n {{ foo( }}", 2, 10, 'unexpected "}}"'],
    ["ok\n{% endif %}", 2, 4, "{% endif %} does not close an open tag here"],
    ["ok\n{% bogus %}", 2, 4, 'unknown tag "bogus"'],
    ["Hi {{ name }", 1, 12, 'expected "}}"'],
    ["{% if x }a{% endif %}", 1, 10, 'expected "%}" to end the "if" tag'],
    ["{{ x | }}", 1, 8, 'expected a name, found "}}"'],
    ["{% if %}x{% endif %}", 1, 7, 'unexpected "%}"'],
    ["{% set y %}never closed", 1, 4, 'expected "endset"'],
  ])("%j → line %i, column %i", (source, line, column, reason) => {
    const error = thrown(() => nunjucksEngine.compile(source));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details).toMatchObject({ engine: "jinja2", line, column });
    expect(error.message).toMatch(
      new RegExp(`^Jinja2 syntax error at line ${line}, column ${column}: `),
    );
    expect(error.message).toContain(reason);
    expect(String(error.details.excerpt).split("\n")[1]).toBe(`${" ".repeat(column - 1)}^`);
  });
});

describe("Jinja2 variables", () => {
  const variables = (source: string, partials?: Record<string, string>) =>
    nunjucksEngine.variables(source, partials === undefined ? {} : { partials });

  it("reads names, nested paths and loops, without loop variables", () => {
    expect(
      variables(
        "{{ company }} {{ customer.name }}{% for ex in examples %}{{ ex.ticket }} {{ loop.index }}{% for t in ex.tags %}{{ t.label }}{% endfor %}{% endfor %}",
      ),
    ).toEqual([
      value("company"),
      object("customer", value("name")),
      list("examples", value("ticket"), list("tags", value("label"))),
    ]);
  });

  it("understands conditionals, set locals and aliases, macros and filters", () => {
    expect(
      variables(
        "{% if urgent %}{{ note }}{% endif %}{%- set c = customer -%}{{ c.tier }}{% set n = 3 %}{{ n }}" +
          "{% macro m(a, b=fallback) %}{{ a }}{{ outer }}{% endmacro %}{{ m(arg) }}{{ xs | join(sep) }}{{ name.upper() }}",
      ),
    ).toEqual([
      value("urgent"),
      value("note"),
      object("customer", value("tier")),
      value("fallback"),
      value("outer"),
      value("arg"),
      value("xs"),
      value("sep"),
      value("name"),
    ]);
  });

  it("knows indexing, sorted loops, tests and included partials", () => {
    expect(
      variables(
        "{{ items[0].id }}{% for y in ys | sort %}{{ y.v }}{% endfor %}{{ d[k] }}{{ f is divisibleby(g) }}{% include 'p' %}",
        {
          p: "{{ fromPartial }}",
        },
      ),
    ).toEqual([
      list("items", value("id")),
      list("ys", value("v")),
      value("d"),
      value("k"),
      value("f"),
      value("g"),
      value("fromPartial"),
    ]);
  });
});

describe("Jinja2 engine: guarded built-ins", () => {
  it("inserts a replacement as written (no $& or $' patterns)", () => {
    expect(
      render(`{{ s.replace("-", "$&$'") }}|{{ s.replaceAll("-", "$$") }}`, { s: "a-b-c" }),
    ).toBe("a$&$'b-c|a$$b$$c");
  });

  it("prints functions as nothing: globals, macros, lists of them, concatenations", () => {
    expect(
      render(
        "{% macro m() %}x{% endmacro %}[{{ range }}{{ m }}{{ [cycler, 1] }}{{ joiner ~ 'a' }}{{ range | string }}]",
      ),
    ).toBe("[,1a]");
  });

  it("refuses attribute filters that would read constructor, __proto__ or prototype", () => {
    const error = thrown(() => render('{{ xs | groupby("a.constructor") }}', { xs: [{ a: 1 }] }));
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(error.details).toMatchObject({ filter: "groupby", attribute: "a.constructor" });
    expect(
      render('{{ xs | sort(attribute="a") | join(",", "a") }}', { xs: [{ a: 2 }, { a: 1 }] }),
    ).toBe("1,2");
  });

  it("refuses regular expression literals when compiling", () => {
    const error = thrown(() => nunjucksEngine.compile('{{ s.replace(r/a+/g, "") }}'));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.message).toContain("regular expressions (r/…/) are not allowed");
  });

  it("keeps super() in blocks of an extended partial", () => {
    expect(
      render(
        '{% extends "base" %}{% block b %}[{{ super() }}+child]{% endblock %}',
        {},
        {
          base: "<{% block b %}parent{% endblock %}>",
        },
      ),
    ).toBe("<[parent+child]>");
  });

  it("refuses a growing filter or method before it allocates past the output limit", () => {
    const small = (source: string, variables: Record<string, unknown>) =>
      nunjucksEngine.compile(source, { renderLimits: { maxOutputBytes: 10 } })(variables);
    expect(small('{{ s | replace("a", "bb") }}', { s: "aaaaa" })).toBe("bbbbbbbbbb");
    for (const source of [
      '{{ s | replace("a", "bb") }}',
      "{{ s.repeat(2) }}",
      "{{ s.padEnd(11) }}",
      "{{ s | center(11) }}",
      '{{ [s, s] | join("") }}',
      "{{ s ~ s }}",
    ]) {
      expect(thrown(() => small(source, { s: "aaaaaa" })).details.limit).toBe("maxOutputBytes");
    }
  });

  it("trims and strips tags of safe strings too", () => {
    expect(
      render("[{{ s | safe | trim }}][{{ t | safe | striptags }}]", { s: " a ", t: "<b>x</b>" }),
    ).toBe("[a][x]");
  });
});
