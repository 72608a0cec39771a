import type { SstiPayload } from "./ssti-payload.js";

/**
 * Handlebars. Before 4.6/4.7 a template could walk from any string to Function through
 * `constructor` (Mahmoud Gamal's 2019 gadget, reported to Shopify; fixed by the prototype
 * access checks of 4.6.0 and CVE-2019-19919 / CVE-2019-20920 / CVE-2021-23369 / CVE-2021-23383),
 * via `lookup`, `with`, `__proto__`, `__defineGetter__`, `__lookupGetter__` and the
 * helperMissing/blockHelperMissing hooks. Quire denies every non-own property and compiles with
 * knownHelpersOnly.
 */
export const handlebarsPayloads: SstiPayload[] = [
  {
    technique: "Gamal 2019 gadget: Function via string.sub.constructor, built with with/split/push/pop",
    source:
      '{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "return quireSstiCanary();"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}',
  },
  {
    technique: "lookup helper reaching constructors (CVE-2019-20920 class)",
    source: '{{lookup (lookup this "constructor") "constructor"}}',
  },
  {
    technique: "lookup of __proto__ then __defineGetter__ (prototype pollution, fixed in 4.5.3)",
    source:
      '{{#with (lookup this "__proto__")}}{{#with (lookup this "__defineGetter__")}}{{this}}{{/with}}{{/with}}',
  },
  {
    technique: "__lookupGetter__ of __proto__ (fixed in 4.6.0)",
    source: '{{#with __lookupGetter__ as |getter|}}{{getter "__proto__"}}{{/with}}',
  },
  {
    technique: "constructor called as a helper through helperMissing",
    source: '{{constructor.constructor "return quireSstiCanary()"}}',
  },
  {
    technique: "blockHelperMissing and helperMissing called by name",
    source:
      '{{#blockHelperMissing "constructor"}}x{{/blockHelperMissing}}{{helperMissing "constructor"}}',
  },
  {
    technique: "enumerating the prototype of the context with each",
    source: '{{#each (lookup this "__proto__")}}{{@key}}{{/each}}{{#each this}}{{@key}};{{/each}}',
  },
  {
    technique: "block params and @root to reach a string's constructor",
    source:
      '{{#with name as |n|}}{{n.constructor.name}}{{#with n.constructor as |c|}}{{c "return quireSstiCanary()"}}{{/with}}{{/with}}{{@root.constructor.name}}',
  },
  {
    technique: "parent paths and literal segments: ../constructor, this.[constructor]",
    source: "{{#each items}}{{../constructor}}{{this.[constructor]}}{{[__proto__]}}{{/each}}",
  },
  {
    technique: "log helper writing host-side (console) output",
    source: '{{log (lookup this "constructor") level="error"}}{{log "hi"}}',
  },
  {
    technique: "dynamic partial named by a lookup",
    source: '{{> (lookup this "constructor")}}',
  },
  {
    technique: "Dotprompt helpers fed prototype members",
    source:
      '{{json (lookup this "constructor")}}{{role (lookup name "constructor")}}{{#ifEquals (lookup this "__proto__") undefined}}x{{/ifEquals}}{{media url=(lookup this "constructor")}}',
  },
  {
    technique: "inline partial recursion to exhaust the stack",
    source: '{{#*inline "loop"}}{{> loop}}{{> loop}}{{/inline}}{{> loop}}',
  },
  {
    technique: "secret from the environment through the context",
    source: "{{process.env.SECRET_CANARY}}{{global.process.env.SECRET_CANARY}}{{@root.process}}",
  },
];
