import type { JsonSchema, TemplateVariable } from "@quire/core";

/**
 * A JSON Schema for the form when the prompt has no input schema: one field per variable the
 * template reads — text for a value, an object for `a.b`, a list for a loop.
 */
export function schemaFromVariables(variables: readonly TemplateVariable[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const variable of variables) properties[variable.name] = schemaOf(variable);
  return { type: "object", properties };
}

function schemaOf(variable: TemplateVariable): JsonSchema {
  if (variable.kind === "list") {
    return {
      type: "array",
      items:
        variable.properties.length === 0
          ? { type: "string" }
          : schemaFromVariables(variable.properties),
    };
  }
  if (variable.kind === "object" || variable.properties.length > 0) {
    return schemaFromVariables(variable.properties);
  }
  return { type: "string" };
}

/** The value a new field starts with: the schema's default, else an empty value of its type. */
export function initialValue(schema: JsonSchema): unknown {
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case "string":
      return "";
    case "number":
    case "integer":
      return undefined;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object": {
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(propertiesOf(schema))) {
        const start = initialValue(property);
        if (start !== undefined) value[name] = start;
      }
      return value;
    }
    default:
      return undefined;
  }
}

export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = schema.properties;
  return typeof properties === "object" && properties !== null && !Array.isArray(properties)
    ? (properties as Record<string, JsonSchema>)
    : {};
}

export function requiredOf(schema: JsonSchema): readonly string[] {
  return Array.isArray(schema.required) ? (schema.required as string[]) : [];
}

/** The schema's type, the first non-null one of a type list. */
export function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((entry) => entry !== "null") as string | undefined;
  if (schema.properties !== undefined) return "object";
  return undefined;
}
