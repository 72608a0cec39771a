import nunjucks from "nunjucks";

/** A node of nunjucks' parse tree (`nunjucks.nodes`): its class name and its fields. */
export interface NunjucksNode {
  typename: string;
  lineno: number;
  colno: number;
  fields: string[];
  children?: NunjucksNode[];
  [field: string]: unknown;
}

export interface NunjucksToken {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

/** Frame and Context as the compiled code sees them. */
export interface NunjucksFrame {
  lookup(name: string): unknown;
}
export interface NunjucksContext {
  ctx: Record<string, unknown>;
  env: { globals: Record<string, unknown> };
}

export type RootRenderFunction = (
  environment: unknown,
  context: unknown,
  frame: unknown,
  runtime: unknown,
  callback: (error: unknown, result?: string) => void,
) => void;

/** A compiled template object; `rootRenderFunc` exists once it is compiled. */
export interface NunjucksTemplate extends nunjucks.Template {
  rootRenderFunc: RootRenderFunction;
}

/**
 * The modules nunjucks exports but its type definitions leave out: the parser and lexer (for
 * syntax errors and the variables), and the runtime the compiled code calls.
 */
export interface NunjucksInternals {
  parser: { parse(source: string, extensions?: unknown[], options?: object): NunjucksNode };
  lexer: { lex(source: string, options?: object): { nextToken(): NunjucksToken | null } };
  runtime: Record<string, unknown>;
}

export const nunjucksInternals = nunjucks as unknown as NunjucksInternals;
