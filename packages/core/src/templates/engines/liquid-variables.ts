import { analyzeSync, type Liquid, type Template, toValueSync, Variable } from "liquidjs";
import type { TemplateVariable } from "../template-engine.js";
import {
  LIST_ITEM,
  type PathSegment,
  VariableCollector,
  type VariablePath,
} from "../variable-paths.js";
import { createLiquid, parseLiquid } from "./liquid-parse.js";

/** A path from the top-level variables, or null for a name the template defined itself. */
type Meaning = VariablePath | null;

class Scope {
  private readonly names = new Map<string, Meaning>();
  /** An isolated scope (`render`'s partial) sees only what it was passed, never the inputs. */
  constructor(
    readonly parent: Scope | undefined,
    private readonly isolated = false,
  ) {}

  define(name: string, meaning: Meaning): void {
    this.names.set(name, meaning);
  }

  lookup(name: string): Meaning {
    let scope: Scope | undefined = this;
    for (; scope !== undefined; scope = scope.parent) {
      if (scope.names.has(name)) return scope.names.get(name) ?? null;
      if (scope.isolated) return null;
    }
    return [name];
  }
}

/** What liquidjs' tags expose for static analysis, plus the fields of for/tablerow/render. */
interface PartialScopeOf {
  name: string;
  isolated: boolean;
  scope: (string | [string, unknown])[];
}

type AnalysableTemplate = Omit<Template, "partialScope"> & {
  name?: string;
  variable?: string;
  collection?: unknown;
  forBinding?: { value: unknown; alias?: string };
  hash?: { hash: Record<string, unknown> };
  partialScope?(): PartialScopeOf | undefined;
};

/** The variables one tag argument reads, by liquidjs' own analysis of its tokens. */
function variablesOf(values: unknown[]): Variable[] {
  const probe = { arguments: () => values } as unknown as Template;
  const analysis = analyzeSync([probe], { partials: false });
  return Object.values(analysis.variables).flat();
}

class LiquidVariableWalker {
  readonly collector = new VariableCollector();
  private readonly partialStack: string[] = [];

  constructor(private readonly partials: Record<string, string>) {}

  /** Where a liquidjs Variable leads: its name resolved in the scope, then its literal keys. */
  private meaningOf(variable: Variable, scope: Scope): Meaning {
    const [first, ...rest] = variable.segments;
    if (typeof first !== "string") return null;
    const base = scope.lookup(first);
    if (base === null) return null;
    const path: PathSegment[] = [...base];
    for (const segment of rest) {
      if (segment instanceof Variable || segment === "size") break; // a computed key, or a length
      path.push(typeof segment === "number" ? LIST_ITEM : segment);
    }
    return path;
  }

  /** Records what a value reads; returns its meaning when it is one plain path. */
  private value(value: unknown, scope: Scope): Meaning {
    let meaning: Meaning = null;
    for (const variable of variablesOf([value])) {
      const found = this.meaningOf(variable, scope);
      if (found !== null) this.collector.add(found);
      meaning ??= found;
    }
    return meaning;
  }

  templates(templates: Template[], scope: Scope): void {
    for (const template of templates)
      this.template(template as unknown as AnalysableTemplate, scope);
  }

  private template(template: AnalysableTemplate, scope: Scope): void {
    const values = template.arguments === undefined ? [] : [...template.arguments()];
    const meanings = values.map((value) => this.value(value, scope));
    if (template.localScope !== undefined) {
      const plain = (values[0] as { filters?: unknown[] } | undefined)?.filters?.length === 0;
      const assigned = meanings.length === 1 && plain ? (meanings[0] ?? null) : null;
      for (const identifier of template.localScope()) {
        // `assign c = customer` makes c another name for customer; other locals are the template's.
        scope.define(identifier.content, template.name === "assign" ? assigned : null);
      }
    }
    if (template.children === undefined) return;
    const partial = template.partialScope?.();
    if (partial !== undefined) {
      this.partial(template, partial, scope);
      return;
    }
    const inner = template.blockScope === undefined ? scope : new Scope(scope);
    if (template.blockScope !== undefined) {
      for (const name of template.blockScope()) inner.define(name, null);
      if (typeof template.variable === "string" && template.collection !== undefined) {
        // for item in items / tablerow item in items: item is an element of items.
        const list = this.value(template.collection, scope);
        const item: Meaning = list === null ? null : [...list, LIST_ITEM];
        if (item !== null) this.collector.add(item);
        inner.define(template.variable, item);
      }
    }
    this.templates(toValueSync(template.children(false, true)), inner);
  }

  private partial(template: AnalysableTemplate, partial: PartialScopeOf, scope: Scope): void {
    if (!Object.hasOwn(this.partials, partial.name) || this.partialStack.includes(partial.name)) {
      return;
    }
    const inner = partial.isolated ? new Scope(undefined, true) : new Scope(scope);
    for (const entry of partial.scope) {
      if (typeof entry === "string") {
        // A keyword argument (title: heading): title is heading inside the partial.
        const argument = template.hash?.hash[entry];
        inner.define(entry, argument === undefined ? null : this.value(argument, scope));
        continue;
      }
      const [alias, argument] = entry;
      const meaning = this.value(argument, scope);
      const isItem = template.forBinding !== undefined && template.forBinding.value === argument;
      const item: Meaning = meaning !== null && isItem ? [...meaning, LIST_ITEM] : meaning;
      if (isItem && item !== null) this.collector.add(item);
      inner.define(alias, item);
    }
    this.partialStack.push(partial.name);
    this.templates(toValueSync(template.children?.(true, true) ?? []), inner);
    this.partialStack.pop();
  }
}

/** The variables a Liquid template and the partials it renders or includes read. */
export function liquidVariables(
  source: string,
  partials: Record<string, string> = {},
  liquid: Liquid = createLiquid(partials),
): TemplateVariable[] {
  const walker = new LiquidVariableWalker(partials);
  walker.templates(parseLiquid(liquid, source), new Scope(undefined));
  return walker.collector.variables();
}
