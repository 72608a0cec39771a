import type { z } from "zod";

/** The parts of a zod schema's definition this walker reads (zod 4's `_zod.def`). */
interface Definition {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

function definitionOf(schema: z.ZodType): Definition {
  return (schema as unknown as { _zod: { def: Definition } })._zod.def;
}

/**
 * The paths of `value`'s object fields that `schema` does not declare (`guard.report.extra`,
 * `failures.0.extra`), so a test can hold a route that sends its answer without a schema pass
 * to exactly its contract. Records, `unknown` and other open shapes accept anything; a union
 * takes the option that leaves the fewest fields outside.
 */
export function fieldsOutsideSchema(schema: z.ZodType, value: unknown, path = ""): string[] {
  const definition = definitionOf(schema);
  const at = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
  switch (definition.type) {
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
      const shape = definition.shape ?? {};
      return Object.entries(value).flatMap(([key, field]) => {
        const declared = shape[key];
        if (declared === undefined) return [at(key)];
        return fieldsOutsideSchema(declared, field, at(key));
      });
    }
    case "array":
      if (!Array.isArray(value) || definition.element === undefined) return [];
      return value.flatMap((item, index) =>
        fieldsOutsideSchema(definition.element as z.ZodType, item, at(index)),
      );
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      if (value === undefined || value === null || definition.innerType === undefined) return [];
      return fieldsOutsideSchema(definition.innerType, value, path);
    case "pipe":
      return definition.in === undefined ? [] : fieldsOutsideSchema(definition.in, value, path);
    case "lazy":
      return definition.getter === undefined
        ? []
        : fieldsOutsideSchema(definition.getter(), value, path);
    case "union": {
      const outside = (definition.options ?? []).map((option) =>
        fieldsOutsideSchema(option, value, path),
      );
      return outside.reduce(
        (fewest, candidate) => (candidate.length < fewest.length ? candidate : fewest),
        outside[0] ?? [],
      );
    }
    default:
      return [];
  }
}
