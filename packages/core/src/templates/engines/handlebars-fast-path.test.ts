import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { handlebarsEngine } from "./handlebars-engine.js";
import { handlebarsSetup } from "./handlebars-setup.js";

/**
 * The engine calls compiled templates through Handlebars' partial entry point with helpers,
 * hooks and access tables prepared once (see handlebars-engine.ts). These tests hold it to the
 * output of Handlebars' own compile-and-call path on the same environment, for many template
 * features and random data.
 */
const partials: Record<string, string> = {
  card: "[{{name}}|{{tier}}]",
  row: "{{#each tags}}<{{.}}>{{/each}}",
  layout: "({{> @partial-block}})",
  indented: "line one\nline {{name}}\n",
};

const templates = [
  "Hi {{name}}! {{customer.name}} {{customer.tier}}",
  "{{#each items}}{{@index}}/{{@first}}/{{@last}}:{{id}}@{{../name}}@{{@root.name}};{{else}}none{{/each}}",
  "{{#each items as |item i|}}{{i}}={{item.id}}{{#each item.tags as |tag|}}[{{tag}}]{{/each}}{{/each}}",
  "{{#if flag}}yes {{name}}{{else if customer}}customer{{else}}no{{/if}}{{#unless flag}}!{{/unless}}",
  "{{#with customer}}{{name}}/{{tier}}{{else}}nobody{{/with}}{{#with customer as |c|}}{{c.name}}{{/with}}",
  "{{lookup map key}} {{#each map}}{{@key}}={{.}},{{/each}} {{lookup (lookup items 0) 'id'}}",
  "{{#items}}<{{id}}>{{/items}}{{^items}}empty{{/items}}{{#flag}}F{{/flag}}",
  "{{json items}} {{json customer indent=2}} {{#ifEquals key name}}same{{else}}different{{/ifEquals}}",
  '{{role "system"}}{{name}}{{role "user"}}{{history}}{{section "s"}}{{media url=key}}',
  "{{> card customer}} {{#each items}}{{> row}}{{/each}} {{#> layout}}{{name}}{{/layout}} {{#> missing}}fallback{{/missing}}",
  "start\n  {{> indented}}\nend {{~ name ~}} !",
  '{{#*inline "local"}}({{id}}){{/inline}}{{#each items}}{{> local}}{{/each}}',
  "{{#each items}}{{#each tags}}{{.}}-{{../id}}-{{../../name}} {{/each}}{{/each}}",
  "{{{name}}} {{&name}} {{!comment}} {{!-- long comment --}} \\{{escaped}}",
];

// Variables come from JSON, so objects have Object.prototype (fast-check can make others).
const plain = { noNullPrototype: true } as const;

const variables = fc.record(
  {
    name: fc.string({ maxLength: 12 }),
    flag: fc.boolean(),
    key: fc.string({ maxLength: 4 }),
    customer: fc.option(
      fc.record({ name: fc.string({ maxLength: 8 }), tier: fc.string({ maxLength: 8 }) }, plain),
      {
        nil: undefined,
      },
    ),
    items: fc.array(
      fc.record(
        {
          id: fc.oneof(fc.integer(), fc.string({ maxLength: 5 })),
          tags: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
        },
        plain,
      ),
      { maxLength: 4 },
    ),
    map: fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), {
      maxKeys: 3,
      ...plain,
    }),
  },
  plain,
);

function reference(source: string): (context: unknown) => string {
  const { environment, compileOptions } = handlebarsSetup();
  const compiledPartials = Object.fromEntries(
    Object.entries(partials).map(([name, text]) => [
      name,
      environment.compile(text, { ...compileOptions }),
    ]),
  );
  const template = environment.compile(source, { ...compileOptions });
  return (context) =>
    template(context, {
      partials: compiledPartials,
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
}

describe("Handlebars fast path", () => {
  it.each(templates)("renders like Handlebars' own runtime: %s", (source) => {
    const fast = handlebarsEngine.compile(source, { partials });
    const slow = reference(source);
    fc.assert(
      fc.property(variables, (input) => {
        expect(fast(input)).toBe(slow(input));
      }),
      { numRuns: 60 },
    );
  });

  it("leaves the variables untouched", () => {
    const input = {
      name: "x",
      items: [{ id: 1, tags: ["a"] }],
      customer: { name: "c", tier: "t" },
    };
    const snapshot = structuredClone(input);
    for (const source of templates) handlebarsEngine.compile(source, { partials })(input);
    expect(input).toEqual(snapshot);
  });
});
