import nunjucks from "nunjucks";
import { QuireError } from "../../errors/index.js";
import { activeBudget, largeInputLength, type RenderBudget } from "../render-budget.js";
import { nunjucksInternals } from "./nunjucks-internals.js";
import { withoutFunctions } from "./nunjucks-safe-runtime.js";
import { stripTags } from "./nunjucks-striptags.js";

/**
 * nunjucks' filters and its `range` global, each call a step of the render budget, with the
 * output limit applied to every text a filter returns. Those whose work is not bounded by their
 * input are checked before they run: `range(1e9)` would build the whole list at once, `center`
 * and `indent` repeat a space as often as asked, `replace` can multiply its input, `batch` and
 * `slice` loop as often as their argument says. `trim` and `striptags` are replaced by linear
 * versions (the originals' regular expressions backtrack quadratically on crafted input).
 */

type Filter = (this: unknown, ...parameters: unknown[]) => unknown;
type Precheck = (budget: RenderBudget, parameters: unknown[]) => void;

const { copySafeness, SafeString } = nunjucksInternals.runtime as {
  copySafeness: (model: unknown, text: string) => unknown;
  SafeString: new (text: string) => object;
};

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return value instanceof SafeString ? String(value) : undefined;
}

function lengthOf(value: unknown): number {
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  return textOf(value)?.length ?? 0;
}

function occurrences(text: string, search: string, most: number): number {
  if (search === "") return text.length + 1;
  let count = 0;
  let index = text.indexOf(search);
  while (index !== -1 && count < most) {
    count++;
    index = text.indexOf(search, index + search.length);
  }
  return count;
}

function loops(budget: RenderBudget, count: unknown): void {
  if (Number(count) > budget.limits.maxLoopIterations) {
    throw budget.stop("maxLoopIterations", budget.limits.maxLoopIterations);
  }
}

const prechecks: Record<string, Precheck> = {
  center: (budget, [, width]) => budget.text(Number(width)),
  indent: (budget, [text, width]) => {
    const input = textOf(text) ?? "";
    budget.text(input.length + occurrences(input, "\n", Number.POSITIVE_INFINITY) * Number(width));
  },
  replace: (budget, [text, search, replacement, most]) => {
    const input = textOf(text);
    if (input === undefined || (typeof search !== "string" && typeof search !== "number")) return;
    const searchText = String(search);
    const limit = typeof most === "number" && most >= 0 ? most : Number.POSITIVE_INFINITY;
    const growth = String(replacement).length - (searchText === "" ? 0 : searchText.length);
    if (growth > 0) budget.text(input.length + occurrences(input, searchText, limit) * growth);
  },
  join: (budget, [list, separator]) => {
    if (Array.isArray(list) && list.length > 1) {
      budget.text((list.length - 1) * String(separator ?? "").length);
    }
  },
  batch: (budget, [, count, fill]) => {
    if (fill) loops(budget, count);
  },
  slice: (budget, [, count]) => loops(budget, count),
};

const replacements: Record<string, (original: Filter) => Filter> = {
  trim: (original) =>
    function (this: unknown, value: unknown, ...rest: unknown[]) {
      const text = textOf(value);
      return text === undefined
        ? original.call(this, value, ...rest)
        : copySafeness(value, text.trim());
    },
  striptags: (original) =>
    function (this: unknown, value: unknown, preserveLinebreaks: unknown, ...rest: unknown[]) {
      const input = value === null || value === undefined || value === false ? "" : value;
      const text = textOf(input);
      if (text === undefined) return original.call(this, value, preserveLinebreaks, ...rest);
      return copySafeness(input, stripTags(text, preserveLinebreaks));
    },
};

/** Filters that read an attribute of each item, named by an argument (`groupby("a.b")`). */
const attributeFilters = new Set(["groupby", "selectattr", "rejectattr", "sum", "join", "sort"]);
const deniedAttributes = new Set(["constructor", "__proto__", "prototype"]);

/** nunjucks reads those attributes inherited or not; refuse the names that lead to constructors
 * and prototypes (the values of others are only compared or printed). */
function checkAttributes(budget: RenderBudget, name: string, parameters: unknown[]): void {
  const names = parameters
    .slice(1)
    .flatMap((parameter) =>
      parameter !== null && typeof parameter === "object"
        ? Object.values(parameter as Record<string, unknown>)
        : [parameter],
    );
  for (const attribute of names) {
    if (typeof attribute !== "string") continue;
    const denied = attribute.split(".").find((part) => deniedAttributes.has(part));
    if (denied === undefined) continue;
    throw new QuireError(
      "TEMPLATE_RENDER",
      `Jinja2 could not render the template: the ${name} filter cannot read "${denied}" (templates cannot reach constructors or prototypes); name an attribute of the items`,
      { details: { engine: budget.engine, filter: name, attribute } },
    );
  }
}

function checkResult(budget: RenderBudget, input: unknown, result: unknown): void {
  const text = textOf(result);
  if (text !== undefined) budget.text(text.length);
  if (lengthOf(input) > largeInputLength) budget.checkClock();
}

function guardedFilter(name: string, original: Filter): Filter {
  const filter = replacements[name]?.(original) ?? original;
  const precheck = prechecks[name];
  return function (this: unknown, ...parameters: unknown[]) {
    // A function given to a filter (`{{ range | string }}`) is nothing, not its source code.
    parameters[0] = withoutFunctions(parameters[0]);
    const budget = activeBudget();
    if (budget === undefined) return filter.apply(this, parameters);
    budget.step();
    if (attributeFilters.has(name)) checkAttributes(budget, name, parameters);
    precheck?.(budget, parameters);
    const result = filter.apply(this, parameters);
    checkResult(budget, parameters[0], result);
    return result;
  };
}

function buildGuardedFilters(): Record<string, Filter> {
  const filters: Record<string, Filter> = Object.create(null);
  const originals = (new nunjucks.Environment() as unknown as { filters: Record<string, Filter> })
    .filters;
  for (const [name, filter] of Object.entries(originals)) {
    filters[name] = guardedFilter(name, filter);
  }
  return filters;
}

let guardedFilters: Record<string, Filter> | undefined;

/** The guarded filters, built on first use; copy them into each environment's table. */
export function nunjucksGuardedFilters(): Readonly<Record<string, Filter>> {
  guardedFilters ??= buildGuardedFilters();
  return guardedFilters;
}

/** `range(stop)` / `range(start, stop, step)`, refused when it would list more items than a
 * render may loop over (nunjucks builds the whole list before the loop starts). */
export function guardedRange(original: Filter): Filter {
  return function (this: unknown, start: unknown, stop?: unknown, step?: unknown) {
    const budget = activeBudget();
    if (budget !== undefined) {
      budget.step();
      const [from, to, by] =
        stop === undefined
          ? [0, Number(start), 1]
          : [Number(start), Number(stop), Number(step) || 1];
      loops(budget, (to - from) / by);
    }
    return original.call(this, start, stop, step);
  };
}
