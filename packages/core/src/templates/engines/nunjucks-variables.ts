import type { TemplateVariable } from "../template-engine.js";
import { LIST_ITEM, VariableCollector, type VariablePath } from "../variable-paths.js";
import type { NunjucksNode } from "./nunjucks-internals.js";
import { parseNunjucks } from "./nunjucks-parse.js";

/** A path from the top-level variables, or null for a name the template defined itself. */
type Meaning = VariablePath | null;

/** One frame of names the template defined (`set`, loop variables, macro arguments, imports). */
class Scope {
  private readonly names = new Map<string, Meaning>();
  constructor(readonly parent: Scope | undefined) {}

  define(name: string, meaning: Meaning): void {
    this.names.set(name, meaning);
  }

  lookup(name: string): Meaning {
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      if (scope.names.has(name)) return scope.names.get(name) ?? null;
    }
    return [name];
  }
}

/** Filters that keep a list a list of the same items, and those that pick one item. */
const listFilters = new Set(["sort", "reverse", "selectattr", "rejectattr", "list"]);
const itemFilters = new Set(["first", "last", "random"]);

function isNode(value: unknown): value is NunjucksNode {
  return value !== null && typeof value === "object" && "typename" in value;
}

function childrenOf(node: unknown): NunjucksNode[] {
  return isNode(node) && Array.isArray(node.children) ? node.children : [];
}

function symbolName(node: unknown): string | undefined {
  return isNode(node) && node.typename === "Symbol" ? String(node.value) : undefined;
}

class NunjucksVariableWalker {
  readonly collector = new VariableCollector();
  private readonly partialStack: string[] = [];
  /** Computed keys (`a[b]`) met while resolving a path, visited once the path is recorded. */
  private readonly computedKeys: { node: NunjucksNode; scope: Scope }[] = [];

  constructor(private readonly partials: Record<string, string>) {}

  private record(meaning: Meaning | undefined): void {
    if (meaning !== undefined && meaning !== null) this.collector.add(meaning);
    for (const pending of this.computedKeys.splice(0)) this.visit(pending.node, pending.scope);
  }

  /** Where an expression leads when it is a path (`a`, `a.b`, `a[0].c`, `a | sort`), else undefined. */
  private pathOf(node: unknown, scope: Scope): Meaning | undefined {
    if (!isNode(node)) return undefined;
    switch (node.typename) {
      case "Symbol":
        return scope.lookup(String(node.value));
      case "Group": {
        const children = childrenOf(node);
        return children.length === 1 ? this.pathOf(children[0], scope) : undefined;
      }
      case "LookupVal": {
        const base = this.pathOf(node.target, scope);
        if (base === undefined) return undefined;
        const key = node.val;
        if (isNode(key) && key.typename === "Literal") {
          if (base === null) return null;
          return typeof key.value === "number"
            ? [...base, LIST_ITEM]
            : [...base, String(key.value)];
        }
        if (isNode(key)) this.computedKeys.push({ node: key, scope }); // a[b] reads b too
        return base;
      }
      case "Filter": {
        const name = symbolName(node.name);
        const [value, ...rest] = childrenOf(node.args);
        if (name === undefined || (!listFilters.has(name) && !itemFilters.has(name)))
          return undefined;
        const base = this.pathOf(value, scope);
        if (base === undefined) return undefined;
        for (const argument of rest) this.visit(argument, scope);
        if (base === null) return null;
        return itemFilters.has(name) ? [...base, LIST_ITEM] : base;
      }
      default:
        return undefined;
    }
  }

  visit(node: unknown, scope: Scope): void {
    if (Array.isArray(node)) {
      for (const child of node) this.visit(child, scope);
      return;
    }
    if (!isNode(node)) return;
    switch (node.typename) {
      case "TemplateData":
      case "Literal":
      case "Super":
        return;
      case "Symbol":
      case "LookupVal":
      case "Group": {
        const meaning = this.pathOf(node, scope);
        if (meaning === undefined) this.visitFields(node, scope);
        this.record(meaning);
        return;
      }
      case "FunCall":
        // `f(x)`: f is a macro, a global (range, cycler, joiner) or `caller`, not an input; in
        // `name.upper()` the input is `name`.
        if (isNode(node.name) && node.name.typename === "LookupVal") {
          this.record(this.pathOf(node.name.target, scope));
        } else if (symbolName(node.name) === undefined) this.visit(node.name, scope);
        this.visit(node.args, scope);
        return;
      case "Filter":
      case "FilterAsync": {
        const meaning = this.pathOf(node, scope);
        if (meaning === undefined) this.visit(node.args, scope);
        this.record(meaning);
        return;
      }
      case "Dict":
      case "KeywordArgs":
        for (const pair of childrenOf(node)) this.visit(pair.value, scope);
        return;
      case "Pair":
        this.visit(node.value, scope);
        return;
      case "Is":
        // `x is divisibleby(3)`: the test's name is not a variable, its arguments are.
        this.visit(node.left, scope);
        if (isNode(node.right) && node.right.typename === "FunCall")
          this.visit(node.right.args, scope);
        return;
      case "For":
      case "AsyncEach":
      case "AsyncAll":
        this.visitFor(node, scope);
        return;
      case "Set":
        this.visitSet(node, scope);
        return;
      case "Macro":
      case "Caller":
        this.visitMacro(node, scope);
        return;
      case "Import":
        this.visit(node.template, scope);
        this.defineSymbol(node.target, scope);
        return;
      case "FromImport":
        this.visit(node.template, scope);
        for (const name of childrenOf(node.names)) {
          if (name.typename === "Pair") this.defineSymbol(name.value, scope);
          else this.defineSymbol(name, scope);
        }
        return;
      case "Include":
      case "Extends":
        this.visitInclude(node, scope);
        return;
      default:
        this.visitFields(node, scope);
    }
  }

  private visitFields(node: NunjucksNode, scope: Scope): void {
    for (const field of node.fields) this.visit(node[field], scope);
  }

  private defineSymbol(node: unknown, scope: Scope, meaning: Meaning = null): void {
    const name = symbolName(node);
    if (name !== undefined) scope.define(name, meaning);
  }

  private visitFor(node: NunjucksNode, scope: Scope): void {
    const list = this.pathOf(node.arr, scope);
    if (list === undefined) this.visit(node.arr, scope);
    const item: Meaning = list === undefined || list === null ? null : [...list, LIST_ITEM];
    this.record(item);
    const inner = new Scope(scope);
    inner.define("loop", null);
    if (symbolName(node.name) !== undefined) this.defineSymbol(node.name, inner, item);
    // `for key, value in pairs`: both are the loop's own names.
    for (const name of childrenOf(node.name)) this.defineSymbol(name, inner);
    this.visit(node.body, inner);
    this.visit(node.else_, scope);
  }

  private visitSet(node: NunjucksNode, scope: Scope): void {
    const targets = Array.isArray(node.targets) ? (node.targets as NunjucksNode[]) : [];
    let meaning: Meaning = null;
    if (node.value !== null && node.value !== undefined) {
      const path = this.pathOf(node.value, scope);
      if (path === undefined) this.visit(node.value, scope);
      this.record(path);
      // `set c = customer` makes c another name for customer.
      if (targets.length === 1 && path !== undefined) meaning = path;
    }
    this.visit(node.body, scope);
    for (const target of targets) this.defineSymbol(target, scope, meaning);
  }

  private visitMacro(node: NunjucksNode, scope: Scope): void {
    if (node.typename === "Macro") this.defineSymbol(node.name, scope);
    const inner = new Scope(scope);
    inner.define("caller", null);
    for (const argument of childrenOf(node.args)) {
      if (argument.typename === "KeywordArgs") {
        for (const pair of childrenOf(argument)) {
          this.visit(pair.value, scope);
          this.defineSymbol(pair.key, inner);
        }
      } else this.defineSymbol(argument, inner);
    }
    this.visit(node.body, inner);
  }

  private visitInclude(node: NunjucksNode, scope: Scope): void {
    const template = node.template;
    if (!isNode(template) || template.typename !== "Literal") {
      this.visit(template, scope);
      return;
    }
    const name = String(template.value);
    if (!Object.hasOwn(this.partials, name) || this.partialStack.includes(name)) return;
    const source = this.partials[name] ?? "";
    this.partialStack.push(name);
    this.visit(parseNunjucks(source, name), node.typename === "Extends" ? new Scope(scope) : scope);
    this.partialStack.pop();
  }
}

/** The variables a Jinja2 (nunjucks) template and the templates it includes read. */
export function nunjucksVariables(
  source: string,
  partials: Record<string, string> = {},
): TemplateVariable[] {
  const walker = new NunjucksVariableWalker(partials);
  walker.visit(parseNunjucks(source), new Scope(undefined));
  return walker.collector.variables();
}
