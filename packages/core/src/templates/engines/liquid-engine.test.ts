import { describe, expect, it } from "vitest";
import { list, object, rendererOf, thrown, value } from "../../testing/test-helpers.js";
import { liquidEngine } from "./liquid-engine.js";

const render = rendererOf(liquidEngine);

describe("Liquid engine: rendering", () => {
  it("substitutes values without escaping, and missing ones as nothing", () => {
    expect(render("{{ a }}|{{ missing }}|{{ b.c }}", { a: `<i>"&'</i>` })).toBe(`<i>"&'</i>||`);
  });

  it("loops, branches, assigns and filters", () => {
    const source =
      "{% for x in xs %}{{ forloop.index }}:{{ x.name | upcase }}{% unless forloop.last %}, {% endunless %}{% endfor %}" +
      "{% assign n = xs | size %} ({{ n }}){% if flag %} yes{% else %} no{% endif %}{% capture c %}[{{ who }}]{% endcapture %}{{ c }}";
    expect(render(source, { xs: [{ name: "a" }, { name: "b" }], flag: false, who: "w" })).toBe(
      "1:A, 2:B (2) no[w]",
    );
  });

  it("never writes into the variables (increment and decrement keep their counters elsewhere)", () => {
    const variables = { xs: [1] };
    expect(render("{% increment c %}{% decrement d %}{% assign x = 1 %}{{ c }}", variables)).toBe(
      "0-11",
    );
    expect(variables).toEqual({ xs: [1] });
  });

  it("renders and includes named partials", () => {
    const partials = { card: "[{{ title }}]", row: "<{{ r.cell }}>" };
    expect(
      render(
        "{% render 'card', title: heading %}{% include 'card' %}{% render 'row' for rows as r %}",
        { heading: "H", title: "T", rows: [{ cell: 1 }, { cell: 2 }] },
        partials,
      ),
    ).toBe("[H][T]<1><2>");
  });

  it("refuses unknown filters and partials when compiling, with their place", () => {
    const filter = thrown(() => liquidEngine.compile("x\n  {{ a | nofilter }}"));
    expect(filter.code).toBe("TEMPLATE_SYNTAX");
    expect(filter.details).toMatchObject({ engine: "liquid", line: 2, column: 3 });
    expect(filter.message).toContain("nofilter");
    const partial = thrown(() =>
      liquidEngine.compile("x\n{% if a %}{% render 'nowhere' %}{% endif %}"),
    );
    expect(partial.details).toMatchObject({ line: 2, column: 11 });
    expect(partial.message).toContain('partial "nowhere" is not defined');
  });

  it("reports a failure while rendering as TEMPLATE_RENDER", () => {
    const error = thrown(() => render("{% render name %}", { name: "nowhere" }));
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(error.details.engine).toBe("liquid");
  });
});

describe("Liquid engine: untrusted templates", () => {
  it.each([
    "{{ a.constructor }}",
    "{{ a.__proto__ }}",
    "{{ s.constructor }}",
    "{{ a['constructor']['constructor'] }}",
    '{{ arr | map: "constructor" | join }}',
    "{{ arr.first.constructor }}",
    "{{ a.toString }}{{ a.hasOwnProperty }}",
  ])("cannot reach prototypes or constructors: %s", (source) => {
    expect(render(source, { a: {}, s: "x", arr: [{}] })).toBe("");
  });
});

describe("Liquid engine: syntax errors", () => {
  it.each([
    [
      "a\n  {% for x in items %}\n{{ x }}\n",
      2,
      3,
      "{% for x in items %} is not closed; expected {% endfor %}",
    ],
    ["a\n{{ a }", 2, 1, "not closed"],
    ["a\n{% bogus %}", 2, 1, 'unknown tag "bogus"'],
    ["{% if x %}a{% endfor %}", 1, 12, "{% endfor %} does not close an open tag here"],
    ["a\n{{ a }", 2, 1, 'output "{{ a }" is not closed; expected }}'],
    ["x\n{% if %}{% endif %}", 2, 6, "invalid value expression"],
  ])("%j → line %i, column %i", (source, line, column, reason) => {
    const error = thrown(() => liquidEngine.compile(source));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details).toMatchObject({ engine: "liquid", line, column });
    expect(error.message).toMatch(
      new RegExp(`^Liquid syntax error at line ${line}, column ${column}: `),
    );
    expect(error.message).toContain(reason);
    expect(String(error.details.excerpt).split("\n")[0]).toBe(source.split("\n")[line - 1]);
  });
});

describe("Liquid variables", () => {
  const variables = (source: string, partials?: Record<string, string>) =>
    liquidEngine.variables(source, partials === undefined ? {} : { partials });

  it("reads names, nested paths and loops, without loop variables or forloop", () => {
    expect(
      variables(
        "{{ user.name }} {{ user.address.city }}{% for item in items %}{{ item.name }} {{ forloop.index }}{% for t in item.tags %}{{ t.label }}{% endfor %}{% endfor %}",
      ),
    ).toEqual([
      object("user", value("name"), object("address", value("city"))),
      list("items", value("name"), list("tags", value("label"))),
    ]);
  });

  it("understands conditionals and leaves out assign and capture locals", () => {
    expect(
      variables(
        '{% assign greeting = "hi" %}{{ greeting }}{% if flag %}{{ a }}{% elsif other.x > 3 %}{% endif %}{% capture c %}{{ cap }}{% endcapture %}{{ c }}{% assign u = user %}{{ u.email }}',
      ),
    ).toEqual([
      value("flag"),
      object("other", value("x")),
      value("a"),
      value("cap"),
      object("user", value("email")),
    ]);
  });

  it("follows rendered and included partials with their arguments", () => {
    expect(
      variables(
        "{% render 'card', title: heading %}{% render 'row' for rows as r %}{% include 'inc' %}{{ list[0].x }} {{ arr.size }}",
        {
          card: "{{ title }} {{ isolated }}",
          row: "{{ r.cell }}",
          inc: "{{ shared }}",
        },
      ),
    ).toEqual([
      value("heading"),
      list("rows", value("cell")),
      value("shared"),
      list("list", value("x")),
      value("arr"),
    ]);
  });
});
