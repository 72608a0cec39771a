import type { SstiPayload } from "./ssti-payload.js";

/**
 * Jinja2, rendered by nunjucks. nunjucks is not a sandbox: its member lookup returns inherited
 * properties, so every global and value leads to Function (`range.constructor("…")()`, the
 * widely published nunjucks RCE, e.g. in PayloadsAllTheThings' SSTI page). Python Jinja2's
 * classics (`__class__.__mro__`, `__init__.__globals__`, `|attr`) are included: they must do
 * nothing here either. Quire's runtime reads own properties only, refuses constructor,
 * __proto__ and prototype, allows a short list of string and list methods, and compiles with
 * a prototype-less filter table.
 */
export const jinja2Payloads: SstiPayload[] = [
  {
    technique: "nunjucks RCE: Function through the range global",
    source: '{{ range.constructor("return quireSstiCanary()")() }}',
  },
  {
    technique: "the same through cycler, joiner and a string literal",
    source:
      '{{ cycler.constructor("return process.env.SECRET_CANARY")() }}{{ joiner.constructor.constructor("return quireSstiCanary()")() }}{{ "".constructor.constructor("return quireSstiCanary()")() }}',
  },
  {
    technique: "Python Jinja2: __class__.__mro__ / __subclasses__ walk",
    source: "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ name.__class__.__base__ }}",
  },
  {
    technique: "Python Jinja2: __init__.__globals__ of a global function",
    source:
      "{{ cycler.__init__.__globals__.os.popen('id').read() }}{{ joiner.__init__.__globals__ }}{{ lipsum.__globals__ }}{{ self._TemplateReference__context }}{{ config.items() }}",
  },
  {
    technique: "Jinja2 |attr filter bypass (when . and [] are filtered)",
    source: '{{ range | attr("constructor") }}',
  },
  {
    technique: "computed keys: subscripts and concatenation",
    source:
      '{% set c = "constr" ~ "uctor" %}{{ range[c][c]("return quireSstiCanary()")() }}{{ range["constructor"]("return quireSstiCanary()")() }}{{ user["__pro" + "to__"] }}',
  },
  {
    technique: "macros, caller and loop are functions and objects of the runtime",
    source:
      '{% macro m() %}{{ caller.constructor("return quireSstiCanary()")() }}{% endmacro %}{% call m() %}x{% endcall %}{{ m.constructor("return quireSstiCanary()")() }}{% for i in items %}{{ loop.constructor.constructor("return quireSstiCanary()")() }}{% endfor %}',
  },
  {
    technique: "methods of allowed strings and lists, and Function.prototype.call/apply",
    source:
      '{{ name.toString.constructor("return quireSstiCanary()")() }}{{ name.replace.apply(0, ["return quireSstiCanary()"]) }}{{ items.join.call }}{{ name.valueOf() }}',
  },
  {
    technique: "swapping a scope's prototype: {% set __proto__ %}",
    source:
      '{% set __proto__ = range %}{{ constructor("return quireSstiCanary()")() }}{% set x = {"__proto__": {"polluted": 1}} %}{{ x.polluted }}{{ {}.polluted }}',
  },
  {
    technique: "filters that read attributes of items (groupby, sum, join, sort)",
    source:
      '{{ items | groupby("constructor") }}{{ items | sum("constructor") }}{{ items | join(",", "__proto__") }}{{ entries | sort(attribute="constructor") }}',
  },
  {
    technique: "function source printed as text",
    source: "{{ range }}{{ range | string }}{{ [cycler] | join }}{{ joiner ~ '' }}",
  },
  {
    technique: "regular expression literal: constructor and catastrophic backtracking",
    source: '{{ r/x/.constructor("return quireSstiCanary()") }}{{ text.replace(r/(a+)+$/, "") }}',
  },
  {
    technique: "file inclusion by name and by variable (no file system)",
    source: '{% include "/etc/passwd" ignore missing %}{% include partialName ignore missing %}',
  },
  {
    technique: "secret from the environment through globals",
    source:
      "{{ process.env.SECRET_CANARY }}{{ global.process }}{{ globalThis.process }}{{ this.process }}",
  },
];
