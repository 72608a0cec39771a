import { describe, expect, it } from "vitest";
import type { EngineName } from "../prompts/prompt-content.js";
import { thrown } from "../testing/test-helpers.js";
import { chatContent, textContent } from "./__fixtures__/test-registry.js";
import { findComponentReferences } from "./find-component-references.js";

const written = (engine: EngineName, template: string) =>
  findComponentReferences(textContent(template, engine)).map((site) => site.written);

describe("finding component references", () => {
  it.each<EngineName>(["handlebars", "mustache", "jinja2", "liquid"])(
    "%s: finds {{> name}}, {{> name@label}} and {{> name:version}} with their places",
    (engine) => {
      const template = "Intro\n{{> a/b}} and {{> c@production}}\n  {{>d:3}}";
      const sites = findComponentReferences(textContent(template, engine));
      expect(sites.map(({ written, line, column }) => ({ written, line, column }))).toEqual([
        { written: "a/b", line: 2, column: 1 },
        { written: "c@production", line: 2, column: 15 },
        { written: "d:3", line: 3, column: 3 },
      ]);
      for (const site of sites) {
        expect(template.slice(site.nameStart, site.nameEnd)).toBe(site.written);
        expect(template.slice(site.start, site.end)).toMatch(/^\{\{> ?[a-z/@:0-9]+\}\}$/);
      }
      expect(sites.map((site) => site.reference.requested)).toEqual(["latest", "label", "version"]);
    },
  );

  it("Handlebars: skips comments, raw blocks, escaped tags, @partial-block and inline partials", () => {
    const template = [
      "{{!-- {{> in/comment}} --}}{{! {{> short}} }}",
      "{{{{raw}}}}{{> in/raw}}{{{{/raw}}}}",
      "\\{{> escaped}}",
      '{{#*inline "local"}}x{{/inline}}{{> local}}',
      "{{#> layout-block}}{{> @partial-block}}{{/layout-block}}",
      "{{> real@staging}}",
    ].join("\n");
    expect(written("handlebars", template)).toEqual(["real@staging"]);
  });

  it("Handlebars: a call with arguments is a call; whitespace control is kept", () => {
    const sites = findComponentReferences(
      textContent('{{~> footer signature="The team" ~}} {{> note item}} {{> plain}}'),
    );
    expect(sites.map(({ written, form, strip }) => ({ written, form, strip }))).toEqual([
      { written: "footer", form: "call", strip: { open: true, close: true } },
      { written: "note", form: "call", strip: { open: false, close: false } },
      { written: "plain", form: "inline", strip: { open: false, close: false } },
    ]);
  });

  it("Handlebars: counts \\r\\n as one line break", () => {
    const [site] = findComponentReferences(textContent("a\r\nb\r\n  {{> x}}"));
    expect(site).toMatchObject({ line: 3, column: 3, start: 8 });
  });

  it("Jinja2 and Liquid: skip raw blocks and comments", () => {
    expect(
      written(
        "jinja2",
        "{# {{> a}} #}{% raw %}{{> b}}{% endraw %}{%- raw -%}{{> c}}{%- endraw -%}{{> d}}",
      ),
    ).toEqual(["d"]);
    expect(
      written(
        "liquid",
        "{% comment %}{{> a}}{% endcomment %}{% raw %}{{> b}}{% endraw %}{% # {{> c}} %}{{> d}}",
      ),
    ).toEqual(["d"]);
  });

  it("Mustache: finds references inside sections and inverted sections", () => {
    expect(written("mustache", "{{#s}}{{> a}}{{/s}}{{^t}}{{> b@qa}}{{/t}}{{! {{> c}} }}")).toEqual([
      "a",
      "b@qa",
    ]);
  });

  it("Mustache: refuses a reference written after the delimiters changed", () => {
    const error = thrown(() => written("mustache", "{{=<% %>=}}\n<%> a%>"));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.message).toContain("default {{ }} delimiters");
    expect(error.details).toMatchObject({ line: 2, column: 1 });
  });

  it.each<EngineName>(["handlebars", "mustache", "jinja2", "liquid"])(
    "%s: a malformed reference is a syntax error at its place, with the template as written",
    (engine) => {
      const error = thrown(() => written(engine, "ok\nsee {{> guide@Prod}}"));
      expect(error.code).toBe("TEMPLATE_SYNTAX");
      expect(error.details).toMatchObject({ engine, line: 2, column: 9 });
      expect(error.message).toContain('label "Prod"');
      expect(error.details.excerpt).toBe("see {{> guide@Prod}}\n        ^");
    },
  );

  it("Handlebars: a syntax error elsewhere shows the template as written in its excerpt", () => {
    const error = thrown(() => written("handlebars", "{{> guide@prod}} {{#if x}}"));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(String(error.details.excerpt)).toContain("guide@prod");
  });

  it("chat message lists: each reference says its message; errors name the message", () => {
    const sites = findComponentReferences(
      chatContent([
        { role: "system", content: "{{> rules}}" },
        { role: "user", content: "{{question}} {{> hint@qa}}" },
      ]),
    );
    expect(sites.map(({ written, message }) => ({ written, message }))).toEqual([
      { written: "rules", message: 0 },
      { written: "hint@qa", message: 1 },
    ]);
    const error = thrown(() =>
      findComponentReferences(chatContent([{ role: "user", content: "{{> Bad@X}}" }], "jinja2")),
    );
    expect(error.details.message).toBe(1);
    expect(error.message).toContain("(in message 1)");
  });
});
