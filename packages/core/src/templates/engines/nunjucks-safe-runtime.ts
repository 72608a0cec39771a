import { activeBudget } from "../render-budget.js";
import { guardedMethod } from "./nunjucks-guarded-methods.js";
import {
  type NunjucksContext,
  type NunjucksFrame,
  nunjucksInternals,
} from "./nunjucks-internals.js";

/**
 * nunjucks is not a sandbox: its `memberLookup` returns any property, inherited ones included,
 * so `{{ range.constructor("return process")() }}` reaches the Function constructor. Templates
 * are untrusted, so compiled templates get this runtime instead, whose lookups read own
 * properties only, plus a short list of string and list methods templates commonly call
 * (`name.toUpperCase()`, `items.join(", ")`, see nunjucks-guarded-methods.ts). It also holds
 * the render budget's hooks that Quire's compiler emits (nunjucks-guarded-compiler.ts).
 */

const deniedNames = new Set(["constructor", "__proto__", "prototype"]);

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
  return typeof key === "string" ? guardedMethod(target, key) : undefined;
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

const { callWrap, suppressValue } = nunjucksInternals.runtime as {
  callWrap: (target: unknown, name: string, context: unknown, parameters: unknown[]) => unknown;
  suppressValue: (value: unknown, autoescape: boolean) => unknown;
};

/** Every call of a function, macro or `caller()` is a step (recursion is counted). */
function countedCallWrap(
  target: unknown,
  name: string,
  context: unknown,
  parameters: unknown[],
): unknown {
  activeBudget()?.step();
  return callWrap(target, name, context, parameters);
}

/** A function used as text (`{{ range }}`, `range ~ ""`, a macro, one in a list) is nothing,
 * not its source code. */
export function withoutFunctions(value: unknown): unknown {
  if (typeof value === "function") return "";
  if (Array.isArray(value) && value.some((item) => typeof item === "function")) {
    return value.map(withoutFunctions);
  }
  return value;
}

function safeSuppressValue(value: unknown, autoescape: boolean): unknown {
  return suppressValue(withoutFunctions(value), autoescape);
}

function checkedText(value: unknown): unknown {
  if (typeof value === "string") activeBudget()?.text(value.length);
  return value;
}

/** nunjucks' runtime with the lookups replaced and the budget's hooks added; the module itself
 * is left untouched. */
export const safeNunjucksRuntime: Record<string, unknown> = {
  ...nunjucksInternals.runtime,
  memberLookup: safeMemberLookup,
  contextOrFrameLookup: safeContextOrFrameLookup,
  callWrap: countedCallWrap,
  suppressValue: safeSuppressValue,
  quireIteration: (buffer: string) => {
    const budget = activeBudget();
    if (budget === undefined) return;
    budget.iteration();
    budget.text(buffer.length);
  },
  // The same expressions nunjucks compiles `~` and `+` to, with the length checked.
  quireConcat: (left: unknown, right: unknown) =>
    checkedText(`${withoutFunctions(left)}${withoutFunctions(right)}`),
  quireAdd: (left: unknown, right: unknown) =>
    checkedText((withoutFunctions(left) as number) + (withoutFunctions(right) as number)),
};
