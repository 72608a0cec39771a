import { Context, type Liquid, type Template, toValueSync } from "liquidjs";
import { activeBudget, largeInputLength, type RenderBudget } from "../render-budget.js";

/**
 * The render budget in liquidjs. Every block body (a loop iteration, an `if` branch, a capture,
 * a partial) is rendered by `liquid.renderer.renderTemplates`: each call is a step, a call for a
 * `for`/`tablerow` body is a loop iteration, a partial is a level of nesting. liquidjs charges
 * what its ranges and filters allocate to a `memoryLimit` before they allocate; here that is
 * Quire's `LiquidAllocationLimit`.
 * (liquidjs's own time limit, `renderLimit`, is not used: it starts when the render starts and
 * reads the clock before every tag, so on a busy machine a render of a few tags that the process
 * was merely descheduled during would fail; the budget's clock starts after 128 steps.)
 */

interface TemplateNode {
  name?: string;
  templates?: unknown;
  children?(partials: boolean, sync: boolean): Generator<unknown, Template[]>;
}

/** The bodies of the loops in `templates` (and in their blocks), by identity. */
export function collectLoopBodies(templates: Template[], bodies: WeakSet<object>): void {
  for (const template of templates as unknown as TemplateNode[]) {
    if (
      (template.name === "for" || template.name === "tablerow") &&
      Array.isArray(template.templates)
    ) {
      bodies.add(template.templates);
    }
    if (template.children !== undefined) {
      collectLoopBodies(toValueSync(template.children(false, true)) as Template[], bodies);
    }
  }
}

type RenderTemplates = (
  templates: Template[],
  context: unknown,
  emitter?: { buffer?: unknown },
) => Generator<unknown, unknown, unknown>;

/** The blocks of a compiled template that the budget treats apart, by identity. */
export interface LiquidBlocks {
  /** `for` and `tablerow` bodies: each render is a loop iteration. */
  loopBodies: WeakSet<object>;
  /** Partials: each render is one level of nesting. */
  partials: WeakSet<object>;
}

/** Counts a partial as a level of nesting for as long as it renders. */
function* nested(budget: RenderBudget, render: Generator<unknown, unknown, unknown>) {
  budget.enter();
  try {
    return yield* render;
  } finally {
    budget.leave();
  }
}

/**
 * Puts the budget into this Liquid instance's renderer (each compiled template has its own).
 * The text written so far is checked as each block starts (so output that grows with a loop is
 * checked every iteration; the whole output is checked at the end). Only partials get a
 * generator of their own, to know when they end: blocks are rendered by liquidjs's generators
 * as they are, at no cost.
 */
export function guardLiquidRenderer(liquid: Liquid, blocks: LiquidBlocks): void {
  const renderer = liquid.renderer as unknown as { renderTemplates: RenderTemplates };
  const renderTemplates = renderer.renderTemplates.bind(renderer);
  renderer.renderTemplates = (templates, context, emitter) => {
    const budget = activeBudget();
    if (budget === undefined) return renderTemplates(templates, context, emitter);
    if (blocks.loopBodies.has(templates)) budget.iteration();
    else budget.step();
    const written = emitter?.buffer;
    if (typeof written === "string") budget.text(written.length);
    const render = renderTemplates(templates, context, emitter);
    return blocks.partials.has(templates) ? nested(budget, render) : render;
  };
}

/**
 * What liquidjs charges its memory limit with (the items of a range, the characters a filter
 * makes) is refused here before it is allocated: any one allocation larger than the larger of
 * maxOutputBytes and maxLoopIterations (such a range could not be looped over, such a text
 * could not be output), or more than 16 times that in one render. Large ones read the clock.
 */
class LiquidAllocationLimit {
  private used = 0;

  constructor(
    private readonly budget: RenderBudget,
    private readonly single: number,
  ) {}

  use(count: number): void {
    const amount = +count;
    if (!(amount > 0)) return;
    if (amount > this.single) {
      throw this.budget.stop("liquidMemory", this.single, { allocation: amount });
    }
    this.used += amount;
    if (this.used > 16 * this.single) {
      throw this.budget.stop("liquidMemory", 16 * this.single, { allocated: this.used });
    }
    if (amount > largeInputLength) this.budget.checkClock();
  }

  check(count: number): void {
    if (+count > 16 * this.single) {
      throw this.budget.stop("liquidMemory", 16 * this.single, { allocated: +count });
    }
  }
}

/** A liquidjs render context for one render: synchronous, with Quire's allocation limit. */
export function liquidRenderContext(
  liquid: Liquid,
  scope: Record<string, unknown>,
  budget: RenderBudget,
): Context {
  const { maxOutputBytes, maxLoopIterations } = budget.limits;
  const memoryLimit = new LiquidAllocationLimit(
    budget,
    Math.max(maxOutputBytes, maxLoopIterations),
  );
  return new Context(
    scope,
    liquid.options,
    { sync: true },
    {
      liquid,
      memoryLimit: memoryLimit as unknown as Context["memoryLimit"],
    },
  );
}
