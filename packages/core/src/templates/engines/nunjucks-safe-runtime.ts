import {
  type NunjucksContext,
  type NunjucksFrame,
  nunjucksInternals,
} from "./nunjucks-internals.js";

/**
 * nunjucks is not a sandbox: its `memberLookup` returns any property, inherited ones included,
 * so `{{ range.constructor("return process")() }}` reaches the Function constructor. Templates
 * are untrusted, so compiled templates get this runtime instead, whose lookups read own
 * properties only, plus a short list of harmless string and array methods templates commonly
 * call (`name.toUpperCase()`, `items.join(", ")`).
 */

const deniedNames = new Set(["constructor", "__proto__", "prototype"]);

const stringMethods = new Set([
  "at",
  "charAt",
  "endsWith",
  "includes",
  "indexOf",
  "lastIndexOf",
  "padEnd",
  "padStart",
  "repeat",
  "replace",
  "replaceAll",
  "slice",
  "split",
  "startsWith",
  "substring",
  "toLowerCase",
  "toUpperCase",
  "trim",
  "trimEnd",
  "trimStart",
]);

const arrayMethods = new Set(["at", "includes", "indexOf", "join", "lastIndexOf", "slice"]);

type Method = (...parameters: unknown[]) => unknown;

function bound(target: unknown, method: unknown): Method {
  return (...parameters: unknown[]) => (method as Method).apply(target, parameters);
}

function safeMemberLookup(target: unknown, key: unknown): unknown {
  if (target === undefined || target === null || typeof target === "function") return undefined;
  if (typeof key !== "string" && typeof key !== "number") return undefined;
  if (typeof key === "string" && deniedNames.has(key)) return undefined;
  const holder = target as Record<string | number, unknown>;
  if (Object.hasOwn(holder, key)) {
    const value = holder[key];
    return typeof value === "function" ? bound(target, value) : value;
  }
  if (typeof target === "string" && typeof key === "string" && stringMethods.has(key)) {
    return bound(target, String.prototype[key as keyof string]);
  }
  if (Array.isArray(target) && typeof key === "string" && arrayMethods.has(key)) {
    return bound(target, Array.prototype[key as keyof unknown[]]);
  }
  return undefined;
}

function safeContextOrFrameLookup(
  context: NunjucksContext,
  frame: NunjucksFrame,
  name: string,
): unknown {
  const value = frame.lookup(name);
  if (value !== undefined) return value;
  if (Object.hasOwn(context.ctx, name)) return context.ctx[name];
  const globals = context.env.globals;
  return Object.hasOwn(globals, name) ? globals[name] : undefined;
}

/** nunjucks' runtime with the two lookups replaced; the module itself is left untouched. */
export const safeNunjucksRuntime: Record<string, unknown> = {
  ...nunjucksInternals.runtime,
  memberLookup: safeMemberLookup,
  contextOrFrameLookup: safeContextOrFrameLookup,
};
