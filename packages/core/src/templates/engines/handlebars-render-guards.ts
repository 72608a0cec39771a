import { activeBudget, largeInputLength, type RenderBudget } from "../render-budget.js";
import type { HandlebarsTemplateFunction } from "./handlebars-internals.js";

/**
 * Where Handlebars renders loops and recursion, so the render budget can count them: the
 * `each` helper (also used by `{{#list}}` blocks through blockHelperMissing), partials, inline
 * partials, and every helper call. Compiled Handlebars has no loop of its own: all repetition
 * goes through these.
 */

type HelperFunction = (this: unknown, ...parameters: unknown[]) => unknown;
type ProgramFunction = (context: unknown, options?: unknown) => string;

/**
 * A block's body as a counted loop iteration. Its output is counted once however deeply loops
 * nest: the total goes back to what it was before the body, plus the body's text (which holds
 * whatever the nested loops produced).
 */
function countedIteration(budget: RenderBudget, body: ProgramFunction): ProgramFunction {
  return (context, options) => {
    budget.iteration();
    const before = budget.output;
    const text = body(context, options);
    budget.output = before;
    budget.addOutput(text.length);
    return text;
  };
}

/** Handlebars' `each`, with every iteration counted. */
export function guardedEach(each: HelperFunction): HelperFunction {
  return function (this: unknown, context: unknown, options: unknown) {
    const budget = activeBudget();
    const body = (options as { fn?: unknown } | undefined)?.fn;
    if (budget !== undefined && typeof body === "function") {
      (options as { fn: ProgramFunction }).fn = countedIteration(budget, body as ProgramFunction);
    }
    return each.call(this, context, options);
  };
}

/** A partial (named or inline) whose every call is one level of nesting, with its output
 * counted. */
export function countedPartial<Partial extends ProgramFunction | HandlebarsTemplateFunction>(
  partial: Partial,
): Partial {
  const counted = (context: unknown, options?: unknown) => {
    const budget = activeBudget();
    if (budget === undefined) return partial(context, options as never);
    budget.enter();
    const before = budget.output;
    let text: string;
    try {
      text = partial(context, options as never);
    } finally {
      budget.leave();
    }
    budget.output = before;
    budget.addOutput(text.length);
    return text;
  };
  // Programs carry the partials their decorators defined; the runtime reads them from here.
  return Object.assign(counted, partial) as unknown as Partial;
}

type Decorator = (
  this: unknown,
  program: unknown,
  properties: unknown,
  container: unknown,
  options: { fn?: unknown },
) => unknown;

/** The `inline` decorator (`{{#*inline "name"}}`), whose partials are counted like the others. */
export function guardedInline(inline: Decorator): Decorator {
  return function (this: unknown, program, properties, container, options) {
    if (typeof options.fn === "function")
      options.fn = countedPartial(options.fn as ProgramFunction);
    return inline.call(this, program, properties, container, options);
  };
}

/** After a helper: a large result (`json` of a big value) is checked and worth a clock reading. */
export function checkHelperResult(budget: RenderBudget, result: unknown): void {
  let length = 0;
  if (typeof result === "string") length = result.length;
  else if (result !== null && typeof result === "object") {
    const text = (result as { string?: unknown }).string;
    if (typeof text === "string") length = text.length;
  }
  if (length <= largeInputLength) return;
  budget.text(length);
  budget.checkClock();
}
