import fc from "fast-check";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { handlebarsParseReason, handlebarsTokenNames } from "./engines/handlebars-parse-reason.js";
import { getTemplateEngine } from "./get-template-engine.js";

/** Every terminal of Handlebars' grammar, read from the parser itself, plus the lexer's INVALID. */
const terminals = [
  ...Object.values(
    (Handlebars as unknown as { Parser: { terminals_: Record<string, string> } }).Parser.terminals_,
  ).filter((name) => name !== "error"),
  "INVALID",
];

/** What the sentence must never say: "unexpected an unexpected", "a the end", "an a name"… */
const clumsy = /\b(an?|the|unexpected) (an?|the|unexpected)\b/i;

describe("Handlebars grammar errors as sentences", () => {
  it("has a name for every terminal of the grammar", () => {
    expect(terminals.filter((name) => handlebarsTokenNames[name] === undefined)).toEqual([]);
  });

  it("reads well for any found token and any expected tokens", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...terminals.filter((name) => name !== "EOF")),
        fc.uniqueArray(fc.constantFrom(...terminals), { minLength: 1 }),
        fc.option(fc.string({ minLength: 1, maxLength: 2 }), { nil: undefined }),
        (got, expected, text) => {
          const message = `Parse error on line 1:\n{{x}}\n--^\nExpecting ${expected
            .map((name) => `'${name}'`)
            .join(", ")}, got '${got}'`;
          const reason = handlebarsParseReason(message, text);
          expect(reason).not.toMatch(clumsy);
          // No grammar-internal names (CLOSE_SEXPR, OPEN_BLOCK…) reach the author.
          expect(reason).not.toMatch(/\b[A-Z][A-Z_]{2,}\b/);
          expect(reason).toMatch(/^found .+; expected .+$/);
          if (expected.length > 1) expect(reason).toMatch(/ or /);
        },
      ),
    );
  });

  it("shows the character the lexer refused", () => {
    expect(handlebarsParseReason("Expecting 'CLOSE', 'ID', got 'INVALID'", "%")).toBe(
      'found "%", which cannot appear here; expected "}}" or a name',
    );
  });
});

describe("a typical mistake in each engine", () => {
  it.each([
    [
      "handlebars",
      "Hello\n{{name %}}",
      2,
      8,
      'found "%", which cannot appear here; expected "}}}}", "}}", "}}}", "(", ")", a name, "as |", a string, a number, true or false, undefined, null, an @variable or a path separator ("." or "/")',
    ],
    [
      "handlebars",
      "{{#if ok}}\nyes\n{{/each}}",
      1,
      4,
      "{{#if}} is closed by {{/each}}; close it with {{/if}}",
    ],
    ["jinja2", "Hello\n{{ name }", 2, 9, 'expected "}}"'],
    [
      "jinja2",
      "{% for x items %}{% endfor %}",
      1,
      4,
      'expected "in" after the loop variable, as in {% for item in items %}',
    ],
    [
      "liquid",
      "Hello\n{% if x %}a{% endfor %}",
      2,
      12,
      "{% endfor %} does not close an open tag here",
    ],
    [
      "mustache",
      "Hello\n{{#items}}\n{{name}}\n",
      4,
      1,
      "section {{#items}} is not closed; expected {{/items}}",
    ],
  ] as const)("%s: %j → line %i, column %i", (engine, source, line, column, reason) => {
    const error = thrown(() => getTemplateEngine(engine).compile(source));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details).toMatchObject({ engine, line, column });
    expect(error.message).toMatch(/^(Handlebars|Jinja2|Liquid|Mustache) syntax error at line/);
    expect(error.message.endsWith(`at line ${line}, column ${column}: ${reason}`)).toBe(true);
    expect(error.message).not.toMatch(clumsy);
  });
});
