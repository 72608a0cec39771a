import { QuireError } from "../errors/index.js";
import type { JsonSchema } from "../prompts/prompt-content.js";

/** The scalar type names Picoschema knows. */
export const picoschemaScalarTypes = ["any", "boolean", "integer", "null", "number", "string"];
const jsonSchemaTypesAtTop = [...picoschemaScalarTypes, "object", "array"];
const wildcardKey = "(*)";

export interface ToJsonSchemaOptions {
  /** Where the schema sits, for error messages (default `"schema"`, e.g. `"input.schema"`). */
  path?: string;
}

/**
 * Converts Dotprompt's Picoschema shorthand to JSON Schema; a JSON Schema passes through
 * (returned as given, not copied). Synchronous, and equal to dotprompt's async `picoschema()` on
 * every input that package turns into a usable schema. Where Dotprompt produces something no
 * validator can use, this refuses or corrects it instead (see README.md, "Picoschema"):
 * a top-level `any` gives `{}` (not `{type: "any"}`), an optional `(object)` of `any` gives `{}`;
 * a list or `null` where fields are expected and a non-list `(enum)` value are errors; named
 * schemas (types other than the scalars) are errors, as in Dotprompt without a schema resolver.
 *
 * @throws QuireError("VALIDATION_FAILED") naming the field, e.g. `input.schema.user.tags`.
 */
export function toJsonSchema(schema: unknown, options: ToJsonSchemaOptions = {}): JsonSchema {
  const path = options.path ?? "schema";
  if (!schema) {
    throw picoschemaError(path, undefined, `is empty (${JSON.stringify(schema ?? null)})`);
  }
  if (typeof schema === "string") {
    const [type, description] = splitDescription(schema);
    if (type === "any") return description ? { description } : {};
    return scalarSchema(type, description, path, undefined);
  }
  if (isRecord(schema)) {
    if (typeof schema.type === "string" && jsonSchemaTypesAtTop.includes(schema.type)) {
      return schema;
    }
    if (typeof schema.properties === "object") return { ...schema, type: "object" };
  }
  return objectSchema(schema, path, undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `"string, the user's name"` → `["string", "the user's name"]`, as Dotprompt splits it. */
export function splitDescription(text: string): [string, string | null] {
  if (!text.includes(",")) return [text, null];
  const match = /(.*?), *(.*)$/.exec(text);
  if (match === null) return [text, null];
  return [match[1] ?? "", match[2] ?? ""];
}

function scalarSchema(
  type: string,
  description: string | null,
  path: string,
  key: string | undefined,
): JsonSchema {
  if (!picoschemaScalarTypes.includes(type)) {
    throw picoschemaError(
      path,
      key,
      `has type ${JSON.stringify(type)}, which is not a Picoschema type`,
      `Use one of ${picoschemaScalarTypes.join(", ")}, or "name(object)", "name(array)", "name(enum)" with nested values; named schemas are not supported.`,
    );
  }
  if (type === "any") return description ? { description } : {};
  return description ? { type, description } : { type };
}

/** A field's value: a type string (`"string, description"`) or nested fields. */
function fieldSchema(value: unknown, path: string, key: string | undefined): JsonSchema {
  if (typeof value === "string") {
    const [type, description] = splitDescription(value);
    return scalarSchema(type, description, path, key);
  }
  return objectSchema(value, path, key);
}

function objectSchema(value: unknown, path: string, key: string | undefined): JsonSchema {
  if (!isRecord(value)) {
    const got = Array.isArray(value) ? "a list" : JSON.stringify(value ?? null);
    throw picoschemaError(
      path,
      key,
      `must be a type string or a mapping of fields, got ${got}`,
      'Write e.g. "name: string" or "tags(array): string".',
    );
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  let additionalProperties: JsonSchema | false = false;

  for (const [fieldKey, fieldValue] of Object.entries(value)) {
    if (fieldKey === wildcardKey) {
      additionalProperties = fieldSchema(fieldValue, `${path}.${wildcardKey}`, fieldKey);
      continue;
    }
    const [namePart = "", typeInfo] = fieldKey.split("(");
    const optional = namePart.endsWith("?");
    const name = optional ? namePart.slice(0, -1) : namePart;
    const fieldPath = `${path}.${name}`;
    if (!optional) required.push(name);

    if (!typeInfo) {
      const property = { ...fieldSchema(fieldValue, fieldPath, fieldKey) };
      if (optional && typeof property.type === "string") property.type = [property.type, "null"];
      properties[name] = property;
      continue;
    }

    const [type, description] = splitDescription(typeInfo.slice(0, -1));
    let property: JsonSchema;
    if (type === "array") {
      property = {
        type: optional ? ["array", "null"] : "array",
        items: fieldSchema(fieldValue, `${fieldPath}[]`, fieldKey),
      };
    } else if (type === "object") {
      property = fieldSchema(fieldValue, fieldPath, fieldKey);
      // Dotprompt makes an optional `(object)` of `any` `{type: [undefined, "null"]}`; keep `{}`.
      if (optional && property.type !== undefined) property.type = [property.type, "null"];
    } else if (type === "enum") {
      if (!Array.isArray(fieldValue)) {
        throw picoschemaError(
          fieldPath,
          fieldKey,
          "is declared (enum) but its value is not a list",
          'Write e.g. "status(enum): [open, closed]".',
        );
      }
      const values = [...fieldValue];
      if (optional && !values.includes(null)) values.push(null);
      property = { enum: values };
    } else {
      const unclosed = typeInfo.endsWith(")") ? "" : ' (the ")" is missing)';
      throw picoschemaError(
        fieldPath,
        fieldKey,
        `has the parenthetical type ${JSON.stringify(type)}${unclosed}`,
        'Parenthetical types are "object", "array" and "enum", as in "tags(array, the tags): string".',
      );
    }
    if (description) property.description = description;
    properties[name] = property;
  }

  const schema: JsonSchema = { type: "object", properties };
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = additionalProperties;
  return schema;
}

function picoschemaError(
  path: string,
  key: string | undefined,
  problem: string,
  hint = "",
): QuireError {
  const where = key === undefined ? path : `${path} (key ${JSON.stringify(key)})`;
  return new QuireError(
    "VALIDATION_FAILED",
    `Invalid Picoschema at ${where}: it ${problem}.${hint ? ` ${hint}` : ""}`,
    { details: { field: path, ...(key === undefined ? {} : { key }), problem } },
  );
}
