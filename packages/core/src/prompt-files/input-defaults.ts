import type { JsonSchema } from "../prompts/prompt-content.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when a schema describes an object, so top-level defaults can sit on its properties. */
function describesObject(schema: JsonSchema): boolean {
  const { type } = schema;
  if (type === "object") return true;
  if (Array.isArray(type)) return type.includes("object");
  return type === undefined && isRecord(schema.properties);
}

/**
 * Folds a `.prompt` file's `input.default` into its input JSON Schema: each default becomes the
 * `default` keyword of that top-level property (a property the schema does not declare is added
 * with only its default; no schema at all becomes `{type: "object", properties: …}`).
 * Returns undefined when the schema does not describe an object, so defaults cannot apply.
 */
export function foldInputDefaults(
  schema: JsonSchema | null,
  defaults: Record<string, unknown>,
): JsonSchema | null | undefined {
  const entries = Object.entries(defaults);
  if (entries.length === 0) return schema;
  if (schema === null) {
    return {
      type: "object",
      properties: Object.fromEntries(entries.map(([key, value]) => [key, { default: value }])),
    };
  }
  if (!describesObject(schema)) return undefined;
  const properties: Record<string, unknown> = isRecord(schema.properties)
    ? { ...schema.properties }
    : {};
  for (const [key, value] of entries) {
    const existing = properties[key];
    properties[key] = { ...(isRecord(existing) ? existing : {}), default: value };
  }
  return { ...schema, properties };
}

/**
 * The inverse of `foldInputDefaults`: takes the `default` keywords off the top-level properties.
 * A schema that only carried defaults (`{type: "object", properties: {k: {default: v}}}`) gives
 * `schema: null`, as a file with only `input.default` parses back to it.
 */
export function unfoldInputDefaults(schema: JsonSchema | null): {
  schema: JsonSchema | null;
  defaults: Record<string, unknown>;
} {
  if (schema === null || !isRecord(schema.properties)) return { schema, defaults: {} };
  const defaults: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if (isRecord(property) && "default" in property) {
      const { default: value, ...rest } = property;
      defaults[key] = value;
      properties[key] = rest;
    } else {
      properties[key] = property;
    }
  }
  if (Object.keys(defaults).length === 0) return { schema, defaults };
  const onlyDefaults =
    schema.type === "object" &&
    Object.keys(schema).length === 2 &&
    Object.entries(properties).every(
      ([key, property]) =>
        key in defaults && isRecord(property) && Object.keys(property).length === 0,
    );
  return { schema: onlyDefaults ? null : { ...schema, properties }, defaults };
}
