import { activeBudget, largeInputLength, type RenderBudget } from "../render-budget.js";

/**
 * The string and list methods templates may call (`name.toUpperCase()`, `items.join(", ")`),
 * each a step of the render budget. Those that can make a text much longer than their input
 * (`repeat`, `padStart`, `padEnd`, `replace`, `replaceAll`, `join`) are checked against the
 * output limit before they run, so `"x".repeat(1e9)` is refused instead of allocated. A
 * `replace` inserts its replacement as written (no `$&`, `$'` patterns, which could insert the
 * whole string at every match).
 */

type Method = (this: unknown, ...parameters: unknown[]) => unknown;

/** Checks before a call that could grow a text; receives the target and the arguments. */
type Precheck = (budget: RenderBudget, target: string, parameters: unknown[]) => void;

function occurrences(text: string, search: string): number {
  if (search === "") return text.length + 1;
  let count = 0;
  for (
    let index = text.indexOf(search);
    index !== -1;
    index = text.indexOf(search, index + search.length)
  ) {
    count++;
  }
  return count;
}

const literal = (replacement: unknown) => {
  const text = String(replacement);
  return () => text;
};

const stringPrechecks: Record<string, Precheck> = {
  repeat: (budget, target, [count]) => budget.text(target.length * Number(count)),
  padStart: (budget, _target, [length]) => budget.text(Number(length)),
  padEnd: (budget, _target, [length]) => budget.text(Number(length)),
  replace: (budget, target, [, replacement]) =>
    budget.text(target.length + String(replacement).length),
  replaceAll: (budget, target, [search, replacement]) => {
    const searchText = String(search);
    const growth = String(replacement).length - searchText.length;
    if (growth > 0) budget.text(target.length + occurrences(target, searchText) * growth);
  },
};

/** Methods that run with their arguments rewritten (the replacement taken literally). */
const stringRewrites: Record<string, (parameters: unknown[]) => unknown[]> = {
  replace: ([search, replacement]) => [String(search), literal(replacement)],
  replaceAll: ([search, replacement]) => [String(search), literal(replacement)],
};

const stringMethodNames = new Set([
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

const arrayMethodNames = new Set(["at", "includes", "indexOf", "join", "lastIndexOf", "slice"]);

function afterCall(budget: RenderBudget, inputLength: number, result: unknown): void {
  if (typeof result === "string") budget.text(result.length);
  if (inputLength > largeInputLength) budget.checkClock();
}

function stringMethod(target: string, name: string): Method {
  const method = String.prototype[name as keyof string] as unknown as Method;
  const precheck = stringPrechecks[name];
  const rewrite = stringRewrites[name];
  return (...parameters: unknown[]) => {
    const budget = activeBudget();
    const actual = rewrite === undefined ? parameters : rewrite(parameters);
    if (budget === undefined) return method.apply(target, actual);
    budget.step();
    precheck?.(budget, target, parameters);
    const result = method.apply(target, actual);
    afterCall(budget, target.length, result);
    return result;
  };
}

function arrayMethod(target: unknown[], name: string): Method {
  const method = Array.prototype[name as keyof unknown[]] as unknown as Method;
  return (...parameters: unknown[]) => {
    const budget = activeBudget();
    if (budget === undefined) return method.apply(target, parameters);
    budget.step();
    if (name === "join" && target.length > 1) {
      const separator = parameters[0] === undefined ? "," : String(parameters[0]);
      budget.text((target.length - 1) * separator.length);
    }
    const result = method.apply(target, parameters);
    afterCall(budget, target.length, result);
    return result;
  };
}

/** The allowed method `key` of a string or list, bound to it; undefined for anything else. */
export function guardedMethod(target: unknown, key: string): Method | undefined {
  if (typeof target === "string" && stringMethodNames.has(key)) return stringMethod(target, key);
  if (Array.isArray(target) && arrayMethodNames.has(key)) return arrayMethod(target, key);
  return undefined;
}
