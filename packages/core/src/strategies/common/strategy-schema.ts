import type { ErrorObject, ValidateFunction } from "ajv";
import { type ZodType, z } from "zod";
import { QuireError } from "../../errors/index.js";
import type { JsonSchema } from "../../prompts/prompt-content.js";
import { ajvForSchema } from "../../schemas/ajv-for-schema.js";
import { cloneVariables } from "../../schemas/clone-variables.js";
import { describeSchema, describeValue } from "../../schemas/describe-value.js";
import type { ValidationProblem } from "../../schemas/validation-problem.js";
import { propertyPath, variablePath } from "../../schemas/validation-problem.js";

/** A schema for what a model writes: a JSON Schema object, or a zod schema (zod 4). */
export type SchemaInput<T = unknown> = JsonSchema | ZodType<T>;

export type SchemaCheck<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

/** A schema ready to send to a model (as JSON Schema) and to check what comes back. */
export interface CompiledSchema<T = unknown> {
  jsonSchema: JsonSchema;
  /** Checks a parsed value: ajv for JSON Schema (defaults filled in), zod's own parse for zod. */
  check(value: unknown): SchemaCheck<T>;
}

/** Whether a value is a zod 4 schema (checked by shape, so two copies of zod both work). */
export function isZodSchema(value: unknown): value is ZodType {
  return (
    typeof value === "object" &&
    value !== null &&
    "_zod" in value &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

/** Where a problem is, in words: `the value` at the root, else `"customer.age"`. */
function subject(path: string): string {
  return path === "" ? "the value" : `"${path}"`;
}

function problemFromAjv(error: ErrorObject): ValidationProblem {
  const path = variablePath(error.instancePath);
  const received = describeValue(error.data);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") {
    const missing = propertyPath(path, String(params.missingProperty));
    return { path: missing, keyword: "required", message: `"${missing}" is required but missing` };
  }
  if (error.keyword === "additionalProperties") {
    const extra = propertyPath(path, String(params.additionalProperty));
    return {
      path: extra,
      keyword: error.keyword,
      message: `"${extra}" is not allowed (the schema allows no other properties)`,
    };
  }
  const expected =
    error.keyword === "type"
      ? String(params.type)
      : error.keyword === "enum" || error.keyword === "const"
        ? describeSchema({ [error.keyword]: error.schema })
        : undefined;
  const rule = expected === undefined ? (error.message ?? "is invalid") : `must be ${expected}`;
  return {
    path,
    keyword: error.keyword,
    ...(expected === undefined ? {} : { expected }),
    received,
    message: `${subject(path)} ${rule}, got ${received}`,
  };
}

function zodPath(path: ReadonlyArray<PropertyKey>): string {
  const pointer = path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`);
  return variablePath(pointer.join(""));
}

function compileJsonSchema(schema: JsonSchema, what: string): ValidateFunction {
  const ajv = ajvForSchema(schema);
  try {
    return ajv.compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new QuireError("VALIDATION_FAILED", `The ${what} is not a valid JSON Schema: ${reason}`, {
      details: { schema },
      cause: error,
    });
  } finally {
    ajv.removeSchema(schema); // as the variables validator does: one shared instance stays small
  }
}

/** Compiles a schema once; `what` names it in errors ("output schema", "parameters of tool x"). */
export function compileStrategySchema<T = unknown>(
  schema: SchemaInput<T>,
  what: string,
): CompiledSchema<T> {
  if (isZodSchema(schema)) {
    let jsonSchema: JsonSchema;
    try {
      // What the model writes is the schema's input (before transforms); the $schema line zod adds
      // says nothing a model needs.
      const { $schema: _draft, ...written } = z.toJSONSchema(schema, { io: "input" });
      jsonSchema = written as JsonSchema;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new QuireError(
        "VALIDATION_FAILED",
        `The ${what} (a zod schema) cannot be written as JSON Schema for the model: ${reason}`,
        { cause: error },
      );
    }
    return {
      jsonSchema,
      check(value) {
        const parsed = schema.safeParse(value);
        if (parsed.success) return { ok: true, value: parsed.data as T };
        return {
          ok: false,
          problems: parsed.error.issues.map((issue) => {
            const path = zodPath(issue.path);
            return { path, keyword: issue.code, message: `${subject(path)}: ${issue.message}` };
          }),
        };
      },
    };
  }
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `The ${what} must be a JSON Schema object or a zod schema, got ${describeValue(schema)}`,
    );
  }
  const validate = compileJsonSchema(schema, what);
  return {
    jsonSchema: schema,
    check(value) {
      const copy = cloneVariables(value); // ajv fills defaults in place
      if (validate(copy)) return { ok: true, value: copy as T };
      return { ok: false, problems: (validate.errors ?? []).map(problemFromAjv) };
    },
  };
}

/** Problems as one readable line each, for messages and for feeding back to a model. */
export function problemLines(problems: readonly ValidationProblem[]): string {
  return problems.map((problem) => `- ${problem.message}`).join("\n");
}
