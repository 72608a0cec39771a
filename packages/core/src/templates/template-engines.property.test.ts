import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { getTemplateEngine } from "./get-template-engine.js";

/** How each engine writes a value, a loop over a list, and a syntax error. */
const syntax: Record<
  EngineName,
  { value(path: string): string; loop(list: string, fields: string[]): string; broken: string }
> = {
  handlebars: {
    value: (path) => `{{${path}}}`,
    loop: (list, fields) =>
      `{{#each ${list}}}${fields.map((field) => `{{${field}}}`).join(" ")}{{/each}}`,
    broken: "{{foo bar}",
  },
  jinja2: {
    value: (path) => `{{ ${path} }}`,
    loop: (list, fields) =>
      `{% for item in ${list} %}${fields.map((field) => `{{ item.${field} }}`).join(" ")}{% endfor %}`,
    broken: "{{ foo( }}",
  },
  liquid: {
    value: (path) => `{{ ${path} }}`,
    loop: (list, fields) =>
      `{% for item in ${list} %}${fields.map((field) => `{{ item.${field} }}`).join(" ")}{% endfor %}`,
    broken: "{% bogus %}",
  },
  mustache: {
    value: (path) => `{{${path}}}`,
    loop: (list, fields) =>
      `{{#${list}}}${fields.map((field) => `{{${field}}}`).join(" ")}{{/${list}}}`,
    broken: "{{/nope}}",
  },
};

const engines = Object.keys(syntax) as EngineName[];

/** Identifiers no engine reserves (all start with "v"). */
const identifier = fc.stringMatching(/^v[a-z0-9_]{0,8}$/);
/** Plain text with no template syntax in it. */
const text = fc.string({ maxLength: 20 }).map((value) => value.replace(/[{}%<>\\\r\n]/g, "."));

describe.each(engines)("%s engine properties", (name) => {
  const engine = getTemplateEngine(name);
  const { value, loop, broken } = syntax[name];

  it("substitutes any string verbatim, with no escaping", () => {
    const template = engine.compile(`A${value("x")}B${value("nested.inner")}C`);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), (x, inner) => {
        expect(template({ x, nested: { inner } })).toBe(`A${x}B${inner}C`);
      }),
    );
  });

  it("finds exactly the variables a template uses, in order, loops as lists", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(identifier, { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(identifier, { minLength: 1, maxLength: 3 }),
        fc.array(text, { minLength: 8, maxLength: 8 }),
        (names, fields, texts) => {
          const [listName, ...plain] = names;
          const source =
            plain.map((item, index) => `${texts[index]}${value(item)}`).join("") +
            (listName === undefined ? "" : `${texts[7]}${loop(listName, fields)}`);
          const found = engine.variables(source);
          const expected = plain.map((item) => ({ name: item, kind: "value", properties: [] }));
          if (listName !== undefined) {
            expected.push({
              name: listName,
              kind: "list",
              properties: fields.map((field) => ({ name: field, kind: "value", properties: [] })),
            } as never);
          }
          expect(found).toEqual(expected);
        },
      ),
    );
  });

  it("points a syntax error at the line it is on, with that line as the excerpt", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), text, (lines, before) => {
        const source = [...lines, `${before}${broken}`].join("\n");
        try {
          engine.compile(source);
        } catch (error) {
          if (!isQuireError(error)) throw error;
          expect(error.code).toBe("TEMPLATE_SYNTAX");
          expect(error.details.line).toBe(lines.length + 1);
          expect(String(error.details.excerpt).split("\n")[0]).toBe(`${before}${broken}`);
          return;
        }
        throw new Error("expected a syntax error");
      }),
      { numRuns: 50 },
    );
  });
});
