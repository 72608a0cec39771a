import type { TemplateVariable } from "../templates/template-engine.js";
import type { PromptContent, RenderOutput } from "./prompt-content.js";

export interface CompilePromptOptions {
  /** Largest template accepted, in bytes of UTF-8 (default 100 KB). */
  maxTemplateBytes?: number;
}

export interface RenderOptions {
  /** Refuse variables that the input schema does not declare. */
  strict?: boolean;
}

export type RenderResult = RenderOutput & { variables: Record<string, unknown> };

/** A version compiled once: validate variables against the input schema, fill defaults, render. */
export interface CompiledPrompt {
  readonly content: PromptContent;
  readonly variables: TemplateVariable[];
  render(variables: Record<string, unknown>, options?: RenderOptions): RenderResult;
  /** Binds some variables now; the result needs only the rest. */
  partial(bound: Record<string, unknown>): CompiledPrompt;
}

export function compilePrompt(_content: PromptContent, _options?: CompilePromptOptions): CompiledPrompt {
  throw new Error("not implemented yet");
}
