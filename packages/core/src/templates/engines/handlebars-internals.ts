import type Handlebars from "handlebars";

/**
 * The parts of a Handlebars environment that its type definitions leave out but that are public
 * on every environment `Handlebars.create()` returns: the compiler classes, the shared parser
 * (whose lexer still holds the offending token's location after a parse error) and `template`,
 * which turns a compiled specification into a render function.
 */
export interface HandlebarsInternals {
  Compiler: new () => { compile(program: hbs.AST.Program, options: object): unknown };
  JavaScriptCompiler: new () => {
    compile(environment: unknown, options: object, context: undefined, asObject: true): unknown;
  };
  Parser: {
    lexer: { yylloc?: { first_line: number; first_column: number }; yytext?: string };
  };
  template(specification: unknown): HandlebarsTemplateFunction;
}

/**
 * Runtime options of a compiled template when invoked the way Handlebars invokes partials
 * (`partial: true`): the runtime then takes helpers, partials, decorators, hooks and the
 * prototype-access table as given instead of rebuilding them on every call.
 */
export interface PreparedRuntimeOptions {
  partial: true;
  helpers: Record<string, unknown>;
  partials: Record<string, HandlebarsTemplateFunction>;
  decorators: Record<string, unknown>;
  hooks: Record<string, unknown>;
  protoAccessControl: unknown;
  data: { root: unknown };
}

export type HandlebarsTemplateFunction = (
  context: unknown,
  options?: PreparedRuntimeOptions | Handlebars.RuntimeOptions,
) => string;

export function handlebarsInternals(environment: typeof Handlebars): HandlebarsInternals {
  return environment as unknown as HandlebarsInternals;
}
