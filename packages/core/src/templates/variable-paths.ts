import type { TemplateVariable } from "./template-engine.js";

/** Marks "an element of this list" in a variable path: `items[].name` is ["items", LIST_ITEM, "name"]. */
export const LIST_ITEM: unique symbol = Symbol("list item");

export type PathSegment = string | typeof LIST_ITEM;

/** A path from a top-level variable down to what the template reads. */
export type VariablePath = readonly PathSegment[];

interface VariableNode {
  kind: TemplateVariable["kind"];
  children: Map<string, VariableNode>;
}

function newNode(): VariableNode {
  return { kind: "value", children: new Map() };
}

function childOf(node: Map<string, VariableNode>, name: string): VariableNode {
  let child = node.get(name);
  if (child === undefined) {
    child = newNode();
    node.set(name, child);
  }
  return child;
}

function toVariable(name: string, node: VariableNode): TemplateVariable {
  return {
    name,
    kind: node.kind,
    properties: [...node.children].map(([childName, child]) => toVariable(childName, child)),
  };
}

/**
 * Gathers the paths an engine's parse tree reads and merges them into TemplateVariables, in the
 * order they first appear. A name read with fields becomes an "object"; a name iterated (a path
 * through LIST_ITEM) becomes a "list" whose properties are its items' fields.
 */
export class VariableCollector {
  private readonly roots = new Map<string, VariableNode>();

  add(path: VariablePath): void {
    const [first, ...rest] = path;
    if (typeof first !== "string" || first === "") return;
    let node = childOf(this.roots, first);
    for (const segment of rest) {
      if (segment === LIST_ITEM) {
        node.kind = "list";
        continue;
      }
      if (node.kind === "value") node.kind = "object";
      node = childOf(node.children, segment);
    }
  }

  /** Adds a variable found elsewhere (another message of the same prompt). */
  addVariable(variable: TemplateVariable, prefix: VariablePath = []): void {
    const path: PathSegment[] = [...prefix, variable.name];
    this.add(path);
    const itemPath: PathSegment[] = variable.kind === "list" ? [...path, LIST_ITEM] : path;
    if (variable.kind === "list") this.add(itemPath);
    for (const property of variable.properties) this.addVariable(property, itemPath);
  }

  names(): string[] {
    return [...this.roots.keys()];
  }

  variables(): TemplateVariable[] {
    return [...this.roots].map(([name, node]) => toVariable(name, node));
  }
}

/** The variables of several templates read together, merged by name. */
export function mergeTemplateVariables(lists: TemplateVariable[][]): TemplateVariable[] {
  if (lists.length === 1) return lists[0] ?? [];
  const collector = new VariableCollector();
  for (const list of lists) for (const variable of list) collector.addVariable(variable);
  return collector.variables();
}
