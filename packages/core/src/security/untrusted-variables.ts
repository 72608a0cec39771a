import type { JsonSchema } from "../prompts/prompt-content.js";

/** The input-schema keyword marking a variable (or any part of one) as untrusted. */
export const untrustedKeyword = "x-untrusted";

type SchemaNode = Record<string, unknown> | undefined;

function asNode(value: unknown): SchemaNode {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function isMarked(node: SchemaNode): boolean {
  return node?.[untrustedKeyword] === true;
}

/** Whether any part of the schema is marked untrusted. */
export function marksUntrusted(schema: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (Array.isArray(schema)) return schema.some((item) => marksUntrusted(item, depth + 1));
  const node = asNode(schema);
  if (node === undefined) return false;
  if (isMarked(node)) return true;
  return Object.values(node).some((value) => marksUntrusted(value, depth + 1));
}

/** The schema of property `name` of an object schema (its `properties`, else `additionalProperties`). */
function propertySchema(node: SchemaNode, name: string): SchemaNode {
  const properties = asNode(node?.properties);
  if (properties !== undefined && Object.hasOwn(properties, name)) return asNode(properties[name]);
  return asNode(node?.additionalProperties);
}

/** The schema of item `index` of an array schema (`prefixItems`, then `items`). */
function itemSchema(node: SchemaNode, index: number): SchemaNode {
  const prefix = node?.prefixItems;
  if (Array.isArray(prefix) && index < prefix.length) return asNode(prefix[index]);
  const items = node?.items;
  if (Array.isArray(items)) return asNode(items[index]);
  return asNode(items);
}

/** Sets an own property, even one named "__proto__" (plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * A copy of `variables` in which every untrusted string is replaced by `transform(value, path)`.
 * Untrusted: a value under a schema node marked `"x-untrusted": true`, or a top-level variable
 * named in `names`; when neither the schema nor `names` marks anything, every string is.
 * Paths read like `ticket`, `documents[0].body`.
 */
export function transformUntrusted(
  variables: Record<string, unknown>,
  inputSchema: JsonSchema | null,
  names: readonly string[],
  transform: (value: string, path: string) => string,
): Record<string, unknown> {
  const everything = names.length === 0 && !marksUntrusted(inputSchema);
  const nameSet = new Set(names);
  const visit = (
    value: unknown,
    node: SchemaNode,
    untrusted: boolean,
    path: string,
    depth: number,
  ): unknown => {
    const guarded = untrusted || isMarked(node);
    if (typeof value === "string") return guarded ? transform(value, path) : value;
    if (depth > 64 || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      return value.map((item, index) =>
        visit(item, itemSchema(node, index), guarded, `${path}[${index}]`, depth + 1),
      );
    }
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      setOwn(
        copy,
        key,
        visit(child, propertySchema(node, key), guarded, `${path}.${key}`, depth + 1),
      );
    }
    return copy;
  };
  const root = asNode(inputSchema);
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(variables)) {
    const guarded = everything || nameSet.has(name);
    setOwn(result, name, visit(value, propertySchema(root, name), guarded, name, 0));
  }
  return result;
}
