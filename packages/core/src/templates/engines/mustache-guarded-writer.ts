import Mustache from "mustache";
import { activeBudget } from "../render-budget.js";

/**
 * Mustache's Writer with the render budget in it. Every section iteration and every partial
 * goes through `renderTokens`, so each call is a step, and its output is counted once however
 * deeply sections and partials nest: the total goes back to what it was before the call, plus
 * the call's text (which holds what the nested calls produced). Iterations are counted where
 * a section pushes its item (OwnPropertyContext.push); each partial is a level of nesting.
 */
export class GuardedWriter extends Mustache.Writer {
  override renderTokens(
    tokens: string[][],
    context: Mustache.Context,
    partials?: Mustache.PartialsOrLookupFn,
    originalTemplate?: string,
    config?: Mustache.RenderOptions,
  ): string {
    const budget = activeBudget();
    if (budget === undefined) {
      return super.renderTokens(tokens, context, partials, originalTemplate, config);
    }
    budget.step();
    const before = budget.output;
    const text = super.renderTokens(tokens, context, partials, originalTemplate, config);
    budget.output = before;
    budget.addOutput(text.length);
    return text;
  }

  override renderPartial(
    token: string[],
    context: Mustache.Context,
    partials?: Mustache.PartialsOrLookupFn,
    config?: Mustache.OpeningAndClosingTags | Mustache.RenderOptions,
  ): string {
    const budget = activeBudget();
    budget?.enter();
    try {
      return super.renderPartial(token, context, partials, config);
    } finally {
      budget?.leave();
    }
  }
}
