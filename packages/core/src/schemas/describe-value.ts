const maxShownCharacters = 60;

/** The JSON type of a value as JSON Schema names it ("integer" for whole numbers). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** What a value is, for messages: `string "abc"`, `number 3.5`, `array of 2 items`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  switch (typeof value) {
    case "string": {
      const shown =
        value.length > maxShownCharacters ? `${value.slice(0, maxShownCharacters)}…` : value;
      return `string ${JSON.stringify(shown)}`;
    }
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof value} ${String(value)}`;
    case "object":
      return "object";
    default:
      return typeof value;
  }
}

/** A schema's expectation in a few words: `string`, `integer or null`, `one of "a", "b"`. */
export function describeSchema(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== "object") return undefined;
  const { type, enum: allowed, const: constant } = schema as Record<string, unknown>;
  if (Array.isArray(allowed))
    return `one of ${allowed.map((item) => JSON.stringify(item)).join(", ")}`;
  if (constant !== undefined) return `exactly ${JSON.stringify(constant)}`;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.join(" or ");
  return undefined;
}
