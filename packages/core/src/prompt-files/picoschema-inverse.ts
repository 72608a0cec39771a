import { isQuireError } from "../errors/index.js";
import { canonicalJson } from "../prompts/canonical-json.js";
import type { JsonSchema } from "../prompts/prompt-content.js";
import { picoschemaScalarTypes, toJsonSchema } from "./picoschema.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}

/** `, description` suffix, or nothing. */
function describedAs(schema: Record<string, unknown>): string | undefined {
  const { description } = schema;
  if (description === undefined) return "";
  return typeof description === "string" ? `, ${description}` : undefined;
}

/** A schema written as a Picoschema type string (`"string, the name"`), when it is one. */
function scalarText(schema: Record<string, unknown>, optional: boolean): string | undefined {
  if (!hasOnlyKeys(schema, ["type", "description"])) return undefined;
  const suffix = describedAs(schema);
  if (suffix === undefined) return undefined;
  if (schema.type === undefined) return `any${suffix}`;
  const [type, nullable] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (typeof type !== "string" || !picoschemaScalarTypes.includes(type) || type === "any") {
    return undefined;
  }
  const expected = optional ? [type, "null"] : [type];
  const given = Array.isArray(schema.type) ? [type, nullable] : [type];
  return canonicalJson(given) === canonicalJson(expected) ? `${type}${suffix}` : undefined;
}

/** A value position (array items, wildcard): a type string or nested fields. */
function valueFor(schema: unknown): unknown {
  if (!isRecord(schema)) return undefined;
  return scalarText(schema, false) ?? fieldsFor(schema);
}

function fieldsFor(schema: Record<string, unknown>): Record<string, unknown> | undefined {
  if (
    schema.type !== "object" &&
    canonicalJson(schema.type) !== canonicalJson(["object", "null"])
  ) {
    return undefined;
  }
  if (!hasOnlyKeys(schema, ["type", "properties", "required", "additionalProperties"])) {
    return undefined;
  }
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  if (!isRecord(properties) || !Array.isArray(required)) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (name.includes("(") || name.endsWith("?") || name === "" || !isRecord(property)) {
      return undefined;
    }
    const field = fieldFor(name, property, !required.includes(name));
    if (field === undefined) return undefined;
    fields[field[0]] = field[1];
  }
  if (isRecord(schema.additionalProperties)) {
    const wildcard = valueFor(schema.additionalProperties);
    if (wildcard === undefined) return undefined;
    fields["(*)"] = wildcard;
  } else if (schema.additionalProperties !== false) {
    return undefined;
  }
  return fields;
}

function fieldFor(
  name: string,
  property: Record<string, unknown>,
  optional: boolean,
): [string, unknown] | undefined {
  const key = `${name}${optional ? "?" : ""}`;
  const suffix = describedAs(property);
  if (suffix === undefined) return undefined;
  const scalar = scalarText(property, optional);
  if (scalar !== undefined) return [key, scalar];
  if (Array.isArray(property.enum) && hasOnlyKeys(property, ["enum", "description"])) {
    return [`${key}(enum${suffix})`, property.enum];
  }
  const { description: _description, ...rest } = property;
  if (property.type === "array" || canonicalJson(property.type) === '["array","null"]') {
    if (!hasOnlyKeys(property, ["type", "items", "description"])) return undefined;
    const items = valueFor(property.items);
    return items === undefined ? undefined : [`${key}(array${suffix})`, items];
  }
  const fields = fieldsFor(rest);
  return fields === undefined ? undefined : [`${key}(object${suffix})`, fields];
}

/**
 * The Picoschema that converts back to exactly this JSON Schema, when there is one (for writing
 * readable `.prompt` files); undefined otherwise. Every answer is checked by converting it back.
 */
export function toPicoschema(schema: JsonSchema): unknown {
  const candidate = fieldsFor(schema);
  if (candidate === undefined || schema.type !== "object") return undefined;
  try {
    return canonicalJson(toJsonSchema(candidate)) === canonicalJson(schema) ? candidate : undefined;
  } catch (error) {
    if (isQuireError(error)) return undefined;
    throw error;
  }
}
