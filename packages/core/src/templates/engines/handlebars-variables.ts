import type { TemplateVariable } from "../template-engine.js";
import { LIST_ITEM, VariableCollector, type VariablePath } from "../variable-paths.js";
import { parseHandlebars } from "./handlebars-parse.js";
import type { HandlebarsSetup } from "./handlebars-setup.js";

/** What a name means where it is read: a path from the top-level variables, or null for a
 * value the template made itself (a loop index, a helper's result) that is not an input. */
type Meaning = VariablePath | null;

interface Scope {
  /** Contexts from the innermost outwards: [0] is `this`, [1] is `../`, the last is the root. */
  contexts: readonly Meaning[];
  /** Block parameters (`as |item index|`) and partial hash names visible here. */
  names: ReadonlyMap<string, Meaning>;
}

type Node = hbs.AST.Node;
type CallNode = { path: hbs.AST.PathExpression; params: Node[]; hash?: hbs.AST.Hash };

/** Helpers whose block body runs with its first argument as the new context. */
const contextHelpers = new Set(["each", "with"]);

/** Mirrors the compiler's `scopedId`: `this.x`, `./x` never name a block parameter. */
function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^\.|this\b/.test(path.original);
}

/** A bare name (`foo`, not `foo.bar`, `this`, `../foo` or `@foo`): what a helper call looks like. */
function simpleName(path: Node): string | undefined {
  if (path.type !== "PathExpression") return undefined;
  const expression = path as hbs.AST.PathExpression;
  if (expression.data || expression.depth > 0 || expression.parts.length !== 1) return undefined;
  if (isScoped(expression)) return undefined;
  return expression.parts[0];
}

class HandlebarsVariableWalker {
  readonly collector = new VariableCollector();
  private readonly partialStack: string[] = [];
  private readonly inlinePartials = new Map<string, hbs.AST.Program>();

  constructor(
    private readonly setup: HandlebarsSetup,
    private readonly partials: Record<string, string>,
  ) {}

  program(program: hbs.AST.Program | undefined, scope: Scope): void {
    if (program === undefined || program === null) return;
    for (const statement of program.body) this.statement(statement, scope);
  }

  private statement(node: Node, scope: Scope): void {
    switch (node.type) {
      case "MustacheStatement":
      case "Decorator":
        this.mustache(node as hbs.AST.MustacheStatement, scope);
        return;
      case "BlockStatement":
        this.block(node as hbs.AST.BlockStatement, scope);
        return;
      case "DecoratorBlock":
        this.decoratorBlock(node as hbs.AST.BlockStatement, scope);
        return;
      case "PartialStatement":
      case "PartialBlockStatement":
        this.partial(node as hbs.AST.PartialBlockStatement, scope);
        return;
      default:
        return; // content and comments read nothing
    }
  }

  /** Where a path leads, or null when it reads something the template made itself. */
  private resolve(path: hbs.AST.PathExpression, scope: Scope): Meaning {
    if (path.data) {
      // @root.x is the top-level x; @index, @key, @first, @last… are the loop's own data.
      return path.parts[0] === "root" && path.parts.length > 1 ? path.parts.slice(1) : null;
    }
    const [first, ...rest] = path.parts;
    if (first !== undefined && path.depth === 0 && !isScoped(path) && scope.names.has(first)) {
      const base = scope.names.get(first) ?? null;
      return base === null ? null : [...base, ...rest];
    }
    const context = scope.contexts[path.depth];
    if (context === undefined || context === null) return null;
    return [...context, ...path.parts];
  }

  private expression(node: Node | undefined, scope: Scope): Meaning {
    if (node === undefined) return null;
    if (node.type === "PathExpression") {
      const meaning = this.resolve(node as hbs.AST.PathExpression, scope);
      if (meaning !== null) this.collector.add(meaning);
      return meaning;
    }
    if (node.type === "SubExpression") this.call(node as hbs.AST.SubExpression, scope);
    return null;
  }

  private isHelperCall(node: CallNode): boolean {
    const name = simpleName(node.path);
    if (name === undefined) return false;
    const hasArguments = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
    return hasArguments || this.setup.helperNames.has(name);
  }

  /** A helper's name is not a variable; its arguments are. Returns whether it was a helper. */
  private call(node: CallNode, scope: Scope): boolean {
    if (!this.isHelperCall(node)) {
      this.expression(node.path, scope);
      return false;
    }
    for (const parameter of node.params) this.expression(parameter, scope);
    for (const pair of node.hash?.pairs ?? []) this.expression(pair.value, scope);
    return true;
  }

  private mustache(node: hbs.AST.MustacheStatement, scope: Scope): void {
    if (node.path.type !== "PathExpression") return; // {{"literal"}}, {{true}}
    this.call(node as CallNode, scope);
  }

  private withBlockParameters(scope: Scope, program: hbs.AST.Program, meanings: Meaning[]): Scope {
    const parameters = program?.blockParams ?? [];
    if (parameters.length === 0) return scope;
    const names = new Map(scope.names);
    parameters.forEach((name, index) => {
      names.set(name, meanings[index] ?? null);
    });
    return { ...scope, names };
  }

  private block(node: hbs.AST.BlockStatement, scope: Scope): void {
    const name = simpleName(node.path);
    if (!this.call(node as CallNode, scope)) {
      // A section ({{#items}}…{{/items}}): the body runs once per item, or once with the value.
      const meaning = node.path.type === "PathExpression" ? this.resolve(node.path, scope) : null;
      const item: Meaning = meaning === null ? null : [...meaning, LIST_ITEM];
      const inner: Scope = { ...scope, contexts: [item, ...scope.contexts] };
      this.program(node.program, this.withBlockParameters(inner, node.program, [item]));
      this.program(node.inverse, scope);
      return;
    }
    if (name !== undefined && contextHelpers.has(name)) {
      const first = node.params[0];
      const argument =
        first?.type === "PathExpression"
          ? this.resolve(first as hbs.AST.PathExpression, scope)
          : null;
      const context: Meaning =
        argument === null ? null : name === "each" ? [...argument, LIST_ITEM] : argument;
      if (name === "each" && context !== null) this.collector.add(context);
      const inner = { ...scope, contexts: [context, ...scope.contexts] };
      this.program(node.program, this.withBlockParameters(inner, node.program, [context, null]));
      this.program(node.inverse, scope);
      return;
    }
    // if, unless, ifEquals… keep the context; their block parameters are their own values.
    this.program(node.program, this.withBlockParameters(scope, node.program, []));
    this.program(node.inverse, scope);
  }

  private decoratorBlock(node: hbs.AST.BlockStatement, scope: Scope): void {
    const first = node.params[0];
    if (simpleName(node.path) === "inline" && first?.type === "StringLiteral") {
      this.inlinePartials.set((first as hbs.AST.StringLiteral).value, node.program);
      return;
    }
    this.call(node as CallNode, scope);
    this.program(node.program, scope);
  }

  private partial(node: hbs.AST.PartialBlockStatement, scope: Scope): void {
    if (node.name.type === "SubExpression") this.call(node.name as hbs.AST.SubExpression, scope);
    const contextArgument = node.params[0];
    const context =
      contextArgument === undefined ? undefined : this.expression(contextArgument, scope);
    const names = new Map<string, Meaning>();
    for (const pair of node.hash?.pairs ?? [])
      names.set(pair.key, this.expression(pair.value, scope));
    if (node.program !== undefined) this.program(node.program, scope);

    const partialName =
      node.name.type === "PathExpression" ? String(node.name.original) : undefined;
    if (partialName === undefined || this.partialStack.includes(partialName)) return;
    const inline = this.inlinePartials.get(partialName);
    const source = Object.hasOwn(this.partials, partialName)
      ? this.partials[partialName]
      : undefined;
    const body =
      inline ??
      (source === undefined ? undefined : parseHandlebars(this.setup, source, partialName));
    if (body === undefined) return;
    const contexts = context === undefined ? scope.contexts : [context, ...scope.contexts];
    this.partialStack.push(partialName);
    this.program(body, { contexts, names });
    this.partialStack.pop();
  }
}

/** The variables a Handlebars template (and the partials it includes) reads. */
export function handlebarsVariables(
  setup: HandlebarsSetup,
  source: string,
  partials: Record<string, string> = {},
): TemplateVariable[] {
  const walker = new HandlebarsVariableWalker(setup, partials);
  walker.program(parseHandlebars(setup, source), { contexts: [[]], names: new Map() });
  return walker.collector.variables();
}
