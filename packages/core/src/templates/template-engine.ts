import type { EngineName } from "../prompts/prompt-content.js";
import type { RenderLimits } from "./render-limits.js";

/**
 * A variable a template uses, read from the engine's parse tree. `properties` lists the fields
 * the template reads from it (for a list, the fields of its items).
 */
export interface TemplateVariable {
  name: string;
  kind: "value" | "object" | "list";
  properties: TemplateVariable[];
}

export interface CompileTemplateOptions {
  /** Named partials (`{{> name}}`, `{% include "name" %}`, `{% render 'name' %}`): name → source. */
  partials?: Record<string, string>;
  /** Largest template or partial accepted, in bytes of UTF-8 (default 100 KB). */
  maxTemplateBytes?: number;
  /**
   * What one render may use: output size, loop iterations and time (defaults 1 MB, 1,000,000,
   * 100 ms; see `defaultRenderLimits`). A render over one stops with QuireError("TEMPLATE_RENDER")
   * and details {engine, limit, value}.
   */
  renderLimits?: Partial<RenderLimits>;
}

export type CompiledTemplate = (variables: Record<string, unknown>) => string;

/** One template language. Parse and compile throw QuireError("TEMPLATE_SYNTAX") with
 * details {engine, line, column, excerpt}; a compiled template that fails while rendering, or
 * goes over a render limit, throws QuireError("TEMPLATE_RENDER"). Templates are untrusted: no
 * engine lets them reach prototypes, constructors or anything but the variables given. */
export interface TemplateEngine {
  readonly name: EngineName;
  /** The variables the template reads; with `options.partials`, also those its partials read. */
  variables(source: string, options?: CompileTemplateOptions): TemplateVariable[];
  compile(source: string, options?: CompileTemplateOptions): CompiledTemplate;
}
