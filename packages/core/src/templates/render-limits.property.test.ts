import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isQuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { getTemplateEngine } from "./get-template-engine.js";
import type { RenderLimits } from "./render-limits.js";
import { utf8ByteLength } from "./template-size.js";

/**
 * Property: for any template built from an engine's safe constructs with hostile fragments
 * mixed in, rendering returns a string within the output limit or throws a QuireError (syntax
 * or render) — nothing else — and never takes much longer than the time limit.
 */

const limits: RenderLimits = { maxOutputBytes: 4000, maxLoopIterations: 2000, maxRenderMs: 40 };
/** Allowed lateness: the first clock reading comes after 128 steps, and the machine is shared. */
const marginMs = 1000;

interface Grammar {
  /** Leaves: text, variables, hostile one-liners. */
  leaves: string[];
  /** Blocks wrapping generated content (`$` is where it goes). */
  blocks: string[];
}

const grammars: Record<EngineName, Grammar> = {
  handlebars: {
    leaves: [
      "text ",
      "{{name}}",
      "{{user.name}}",
      "{{@index}}",
      "{{json user}}",
      "{{lookup items 0}}",
      "{{text}}",
      // hostile
      '{{lookup this "constructor"}}',
      "{{constructor.name}}",
      "{{__proto__}}",
      '{{#with (lookup name "constructor")}}{{this}}{{/with}}',
      "{{#each big}}{{#each ../big}}x{{/each}}{{/each}}",
      "{{> nowhere}}",
      "{{#if}}",
    ],
    blocks: [
      "{{#each items}}$${{/each}}",
      "{{#each big}}$${{/each}}",
      "{{#if flag}}$${{else}}-{{/if}}",
      "{{#with user}}$${{/with}}",
      "{{#items}}$${{/items}}",
      "{{#unless flag}}$${{/unless}}",
    ],
  },
  jinja2: {
    leaves: [
      "text ",
      "{{ name }}",
      "{{ name | upper }}",
      "{{ items | join(',') }}",
      "{{ text }}",
      '{% set s = s ~ "ab" %}',
      "{{ s }}",
      // hostile
      '{{ range.constructor("return quireSstiCanary()")() }}',
      '{{ name["constructor"] }}',
      "{% for i in range(1000000) %}{% endfor %}",
      '{{ text | replace("", text) }}',
      "{% set s = s ~ s ~ s %}",
      '{{ "ab".repeat(100000) }}',
      "{{ text.padStart(10000000) }}",
      "{{ items | batch(100000000, 1) | length }}",
      "{{ r/a+/ }}",
      "{% endfor %}",
    ],
    blocks: [
      "{% for x in items %}$${% endfor %}",
      "{% for x in big %}$${% endfor %}",
      "{% if flag %}$${% else %}-{% endif %}",
      "{% set c %}$${% endset %}{{ c }}{{ c }}",
      "{% macro m() %}$${% endmacro %}{{ m() }}{{ m() }}",
    ],
  },
  liquid: {
    leaves: [
      "text ",
      "{{ name }}",
      "{{ name | upcase }}",
      "{{ items | join: ',' }}",
      "{{ text }}",
      '{% assign s = s | append: "ab" %}',
      "{{ s }}",
      // hostile
      "{{ user.constructor }}",
      "{{ name.__proto__ }}",
      "{% for i in (1..100000000) %}{% endfor %}",
      "{% assign s = s | append: s | append: s %}",
      "{% capture s %}{{ s }}{{ s }}{{ s }}{% endcapture %}",
      '{{ text | date: "%99999999d" }}',
      "{% endif %}",
    ],
    blocks: [
      "{% for x in items %}$${% endfor %}",
      "{% for x in big %}$${% endfor %}",
      "{% if flag %}$${% else %}-{% endif %}",
      "{% capture c %}$${% endcapture %}{{ c }}{{ c }}",
    ],
  },
  mustache: {
    leaves: [
      "text ",
      "{{name}}",
      "{{user.name}}",
      "{{.}}",
      "{{text}}",
      // hostile
      "{{constructor}}",
      "{{#constructor}}x{{/constructor}}",
      "{{name.__proto__}}",
      "{{#big}}{{#big}}x{{/big}}{{/big}}",
      "{{/unopened}}",
    ],
    blocks: [
      "{{#items}}$${{/items}}",
      "{{#big}}$${{/big}}",
      "{{#flag}}$${{/flag}}",
      "{{^flag}}$${{/flag}}",
      "{{#user}}$${{/user}}",
    ],
  },
};

function templates(grammar: Grammar): fc.Arbitrary<string> {
  const { template } = fc.letrec<{ template: string; node: string }>((tie) => ({
    template: fc.array(tie("node"), { maxLength: 4 }).map((nodes) => nodes.join("")),
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...grammar.leaves),
      fc
        .tuple(fc.constantFrom(...grammar.blocks), tie("template"))
        .map(([block, content]) => block.replace("$$", content)),
    ),
  }));
  return template;
}

// Plain objects, as JSON gives (fast-check may otherwise make prototype-less ones).
const variables = fc.record(
  {
    name: fc.string({ maxLength: 20 }),
    flag: fc.boolean(),
    items: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxLength: 12 }),
    user: fc.record({ name: fc.string({ maxLength: 10 }) }, { noNullPrototype: true }),
    text: fc.string({ maxLength: 300 }),
    big: fc.constant(Array.from({ length: 300 }, (_, index) => ({ index }))),
    s: fc.constant("s"),
  },
  { noNullPrototype: true },
);

const canary = vi.fn();
const canaryGlobal = globalThis as { quireSstiCanary?: unknown };
beforeAll(() => {
  canaryGlobal.quireSstiCanary = canary;
});
afterAll(() => {
  delete canaryGlobal.quireSstiCanary;
});

describe.each(Object.keys(grammars) as EngineName[])("%s under render limits", (engine) => {
  it("returns a string within the output limit or throws a QuireError, in bounded time", () => {
    fc.assert(
      fc.property(templates(grammars[engine]), variables, (source, input) => {
        const started = performance.now();
        try {
          const output = getTemplateEngine(engine).compile(source, { renderLimits: limits })(input);
          expect(typeof output).toBe("string");
          expect(utf8ByteLength(output)).toBeLessThanOrEqual(limits.maxOutputBytes);
        } catch (error) {
          if (!isQuireError(error)) throw error;
          expect(["TEMPLATE_SYNTAX", "TEMPLATE_RENDER"]).toContain(error.code);
        }
        expect(performance.now() - started).toBeLessThan(limits.maxRenderMs + marginMs);
        expect(canary).not.toHaveBeenCalled();
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
