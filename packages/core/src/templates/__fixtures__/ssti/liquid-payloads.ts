import type { SstiPayload } from "./ssti-payload.js";

/**
 * Liquid, rendered by liquidjs. Before liquidjs 10 (`ownPropertyOnly` off by default,
 * CVE-2022-25948) a template read inherited members (`constructor`, `__proto__`, `toString`);
 * partial names reached the file system (path traversal through `include`/`render`/`layout`);
 * ranges and string filters allocate as much as asked. Quire keeps liquidjs to own properties,
 * partials in memory, and allocations under its limit.
 */
export const liquidPayloads: SstiPayload[] = [
  {
    technique: "inherited members (CVE-2022-25948: ownPropertyOnly off before liquidjs 10)",
    source:
      "{{ name.constructor }}{{ user.constructor.name }}{{ user.__proto__ }}{{ items.constructor }}{{ name.toString }}",
  },
  {
    technique: "computed keys: subscript with a variable and with append",
    source:
      '{% assign k = "constructor" %}{{ user[k][k] }}{% assign p = "__pro" | append: "to__" %}{{ user[p] }}',
  },
  {
    technique: "forloop and tablerowloop objects of the runtime",
    source:
      "{% for i in items %}{{ forloop.constructor }}{{ forloop.__proto__ }}{% endfor %}{% tablerow i in items %}{{ tablerowloop.constructor }}{% endtablerow %}",
  },
  {
    technique: "assigning __proto__ into the scope",
    source:
      '{% assign __proto__ = user %}{{ profile.city }}{% increment __proto__ %}{% capture __proto__ %}x{% endcapture %}{{ polluted }}',
  },
  {
    technique: "Drop protocol members (toLiquid, liquidMethodMissing, valueOf) on plain data",
    source: "{{ toLiquid }}{{ user.liquidMethodMissing }}{{ user.valueOf }}{{ user.toLiquid }}",
  },
  {
    technique: "path traversal through include, render and layout",
    source: '{% include "/etc/passwd" %}',
  },
  {
    technique: "path traversal through a dynamic partial name",
    source: "{% include partialName %}",
  },
  {
    technique: "layout from the file system",
    source: '{% layout "../../../etc/passwd" %}x',
  },
  {
    technique: "the liquid tag and echo with inherited members",
    source: "{% liquid\nassign x = user.constructor\necho x\necho name.constructor.name\n%}",
  },
  {
    technique: "filters given prototype members",
    source:
      '{{ user | map: "constructor" | join: "," }}{{ items | where: "constructor" }}{{ entries | sort: "__proto__" | json }}{{ "x" | prepend: user.constructor }}',
  },
  {
    technique: "date padding width as an allocation amplifier",
    source: '{{ "2024-01-01" | date: "%999999999d" }}',
  },
  {
    technique: "secret from the environment through the scope",
    source: "{{ process.env.SECRET_CANARY }}{{ global.process }}{{ globalThis.process.env }}",
  },
];
