import type { SstiPayload } from "./ssti-payload.js";

/**
 * Mustache. mustache.js looks names up with `in` and calls any function it finds (lambdas), so
 * a template reached inherited members and ran them: `{{#constructor}}` on any value calls
 * its constructor. Quire's context reads own properties only; variables come from JSON, so they
 * hold no functions.
 */
export const mustachePayloads: SstiPayload[] = [
  {
    technique: "inherited constructor, as a value and as a section (lambda call)",
    source: "{{constructor}}{{#constructor}}{{name}}{{/constructor}}{{name.constructor}}",
  },
  {
    technique: "dotted paths through prototypes",
    source:
      "{{user.constructor.name}}{{user.__proto__.polluted}}{{#user.constructor}}x{{/user.constructor}}",
  },
  {
    technique: "sections on prototype members of strings and lists",
    source:
      "{{#name}}{{constructor}}{{toUpperCase}}{{/name}}{{#items}}{{constructor.name}}{{/items}}{{#name.toString}}x{{/name.toString}}",
  },
  {
    technique: "__proto__ and Object.prototype methods",
    source:
      "{{__proto__}}{{#__proto__}}{{#constructor}}x{{/constructor}}{{/__proto__}}{{{hasOwnProperty}}}{{&valueOf}}{{__defineGetter__}}",
  },
  {
    technique: "delimiter change to hide the tags",
    source: "{{=<% %>=}}<% constructor %><%# constructor %>x<%/ constructor %>",
  },
  {
    technique: "partials named after prototype members",
    source: "{{> constructor}}{{> __proto__}}{{> toString}}",
  },
  {
    technique: "a lambda sent as data (a string in JSON) is not run",
    source: "{{#lambda}}x{{/lambda}}{{lambda}}",
  },
  {
    technique: "the implicit iterator and nested contexts",
    source: "{{#user}}{{#roles}}{{.}}{{constructor}}{{/roles}}{{../constructor}}{{/user}}",
  },
  {
    technique: "partial recursion to exhaust the stack",
    source: "{{> self}}",
    partials: { self: "x{{> self}}{{> self}}" },
  },
  {
    technique: "secret from the environment",
    source: "{{process.env.SECRET_CANARY}}{{#process}}{{env}}{{/process}}",
  },
];
