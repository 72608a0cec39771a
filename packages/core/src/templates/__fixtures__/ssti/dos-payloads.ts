import type { EngineName } from "../../../prompts/prompt-content.js";
import type { RenderLimitName } from "../../render-limit-error.js";

/** A template that would hold the server (CPU, memory or output), and the limit that stops it
 * (several when which one comes first depends on the machine's speed); none when the guarded
 * engine simply finishes it quickly (a quadratic built-in replaced by a linear one). */
export interface DosPayload {
  technique: string;
  source: string;
  partials?: Record<string, string>;
  stoppedBy: RenderLimitName[];
}

/** Variables for the denial-of-service payloads: a list to loop over and a long text. */
export function dosVariables(): Record<string, unknown> {
  return {
    items: Array.from({ length: 1000 }, (_, index) => index),
    text: "x".repeat(200_000),
  };
}

/** `{"child": {"child": …}}` `depth` levels deep, built without recursion. */
export function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: "end" };
  for (let level = 0; level < depth; level++) value = { child: value };
  return value;
}

const time: RenderLimitName[] = ["maxRenderMs", "maxLoopIterations"];

export const dosPayloads: Record<EngineName, DosPayload[]> = {
  handlebars: [
    {
      technique: "three nested each over 1,000 items (10⁹ iterations)",
      source: "{{#each items}}{{#each ../items}}{{#each ../../items}}{{/each}}{{/each}}{{/each}}",
      stoppedBy: time,
    },
    {
      technique: "list blocks ({{#items}}) nested, through blockHelperMissing",
      source: "{{#items}}{{#../items}}{{#../../items}}x{{/../../items}}{{/../items}}{{/items}}",
      stoppedBy: [...time, "maxOutputBytes"],
    },
    {
      technique: "output amplification: a long text in a nested loop",
      source: "{{#each items}}{{#each ../items}}{{../../text}}{{/each}}{{/each}}",
      stoppedBy: ["maxOutputBytes"],
    },
    {
      technique: "exponential partial recursion",
      source: "{{> twice}}",
      partials: { twice: "x{{> twice}}{{> twice}}" },
      stoppedBy: ["nestingDepth", ...time],
    },
    {
      technique: "json of a long text in every iteration, discarded",
      source: "{{#each items}}{{#each ../items}}{{#if (json ../../text)}}{{/if}}{{/each}}{{/each}}",
      stoppedBy: time,
    },
  ],
  jinja2: [
    {
      technique: "range(100000000): a list of 10⁸ numbers built at once",
      source: "{% for i in range(100000000) %}{% endfor %}",
      stoppedBy: ["maxLoopIterations"],
    },
    {
      technique: "three nested loops over range(1000)",
      source:
        "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}{% endfor %}{% endfor %}{% endfor %}",
      stoppedBy: time,
    },
    {
      technique: "string doubling with ~ in a loop",
      source: '{% set s = "ab" %}{% for i in range(64) %}{% set s = s ~ s %}{% endfor %}{{ s }}',
      stoppedBy: ["maxOutputBytes"],
    },
    {
      technique: "string repetition methods and filters",
      source: '{{ "x".repeat(1000000000) }}{{ text.padStart(1000000000) }}',
      stoppedBy: ["maxOutputBytes"],
    },
    {
      technique: "replace with an empty search multiplies the input",
      source: '{{ text | replace("", text) }}',
      stoppedBy: ["maxOutputBytes"],
    },
    {
      technique: "center and indent repeat spaces as often as asked",
      source: "{{ text | center(1000000000) }}{{ text | indent(1000000000) }}",
      stoppedBy: ["maxOutputBytes"],
    },
    {
      technique: "batch and slice loop as often as their argument",
      source: '{{ items | batch(1000000000, "x") | length }}{{ items | slice(1000000000) | length }}',
      stoppedBy: ["maxLoopIterations"],
    },
    {
      technique: "exponential macro recursion",
      source: "{% macro m() %}{{ m() }}{{ m() }}{% endmacro %}{{ m() }}",
      stoppedBy: ["nestingDepth", ...time],
    },
    {
      technique: "include recursion",
      source: '{% include "self" %}',
      partials: { self: 'x{% include "self" %}{% include "self" %}' },
      stoppedBy: ["nestingDepth", ...time],
    },
    {
      technique: "quadratic backtracking in striptags: 50,000 unclosed tags",
      source: '{{ text | truncate(50000, true, "") | replace("x", "<a") | striptags | length }}',
      stoppedBy: [],
    },
    {
      technique: "quadratic backtracking in trim: a long run of spaces inside the text",
      source:
        '{{ ("a" ~ (text | truncate(50000, true, "") | replace("x", " ")) ~ "a") | trim | length }}',
      stoppedBy: [],
    },
  ],
  liquid: [
    {
      technique: "a range of 10⁹ items",
      source: "{% for i in (1..1000000000) %}{% endfor %}",
      stoppedBy: ["liquidMemory"],
    },
    {
      technique: "three nested ranges of 1,000",
      source:
        "{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}",
      stoppedBy: time,
    },
    {
      technique: "string doubling with append",
      source: '{% assign s = "ab" %}{% for i in (1..64) %}{% assign s = s | append: s %}{% endfor %}{{ s }}',
      stoppedBy: ["liquidMemory"],
    },
    {
      technique: "capture doubling",
      source:
        "{% capture a %}x{% endcapture %}{% for i in (1..64) %}{% capture a %}{{ a }}{{ a }}{% endcapture %}{% endfor %}{{ a }}",
      stoppedBy: ["maxOutputBytes", "liquidMemory"],
    },
    {
      technique: "output amplification: a long text in a nested loop",
      source: "{% for i in items %}{% for j in items %}{{ text }}{% endfor %}{% endfor %}",
      stoppedBy: ["maxOutputBytes"],
    },
    {
      technique: "include recursion",
      source: '{% include "self" %}',
      partials: { self: 'x{% include "self" %}{% include "self" %}' },
      stoppedBy: ["nestingDepth", ...time],
    },
  ],
  mustache: [
    {
      technique: "three nested sections over 1,000 items",
      source: "{{#items}}{{#items}}{{#items}}{{/items}}{{/items}}{{/items}}",
      stoppedBy: time,
    },
    {
      technique: "output amplification: a long text in nested sections",
      source: "{{#items}}{{#items}}{{text}}{{/items}}{{/items}}",
      stoppedBy: ["maxOutputBytes"],
    },
    {
      technique: "exponential partial recursion",
      source: "{{> twice}}",
      partials: { twice: "x{{> twice}}{{> twice}}" },
      stoppedBy: ["nestingDepth", ...time],
    },
  ],
};
