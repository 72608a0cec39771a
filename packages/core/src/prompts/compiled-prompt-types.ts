import type { TemplateVariable } from "../templates/template-engine.js";
import type { PromptContent, RenderOutput } from "./prompt-content.js";

export interface RenderOptions {
  /** Refuse variables that the input schema does not declare (without a schema: that the
   * templates do not read). */
  strict?: boolean;
}

/** The rendered text or messages, and the variables used: after defaults and bound values. With
 * no input schema and nothing bound, `variables` is the object that was passed in. */
export type RenderResult = RenderOutput & { variables: Record<string, unknown> };

/** A version compiled once: validate variables against the input schema, fill defaults, render. */
export interface CompiledPrompt {
  readonly content: PromptContent;
  /** The variables the templates read (without those bound by `partial`). */
  readonly variables: TemplateVariable[];
  /** Validates (VALIDATION_FAILED naming every problem) and renders; never parses. */
  render(variables: Record<string, unknown>, options?: RenderOptions): RenderResult;
  /**
   * Binds some variables now; the result needs only the rest. Bound values are validated now
   * (against the input schema) and copied; passing a bound name again to `render` is refused
   * with VALIDATION_FAILED (a bound value is fixed — to change it, call `partial` on the
   * original prompt), and so is binding a name the prompt does not take.
   */
  partial(bound: Record<string, unknown>): CompiledPrompt;
}
