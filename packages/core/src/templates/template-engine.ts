import type { EngineName } from "../prompts/prompt-content.js";

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
}

export type CompiledTemplate = (variables: Record<string, unknown>) => string;

/** One template language. Parse and compile throw QuireError("TEMPLATE_SYNTAX") with
 * details {engine, line, column, excerpt}. */
export interface TemplateEngine {
  readonly name: EngineName;
  variables(source: string): TemplateVariable[];
  compile(source: string, options?: CompileTemplateOptions): CompiledTemplate;
}
