import type { ValidateFunction } from "ajv";
import { QuireError } from "../errors/index.js";
import type { JsonSchema } from "../prompts/prompt-content.js";
import { ajvForSchema } from "./ajv-for-schema.js";
import { cloneVariables } from "./clone-variables.js";
import { problemFromAjvError, type ValidationProblem } from "./validation-problem.js";
import { variablesValidationError } from "./variables-validation-error.js";

/** A prompt's input schema, compiled once, checking variables before each render. */
export interface VariablesValidator {
  readonly schema: JsonSchema;
  /** The top-level names the schema declares (its `properties`). */
  readonly declaredNames: ReadonlySet<string>;
  /** Whether validating can write defaults into the variables (the schema has a `default`). */
  readonly fillsDefaults: boolean;
  /** A copy of the variables that validation may fill with defaults: shallow when the schema's
   * defaults are all on top-level properties, deep otherwise; the same object when it has none. */
  copyForDefaults(variables: Record<string, unknown>): Record<string, unknown>;
  /**
   * The problems with `variables`, after filling defaults into them in place: pass a copy
   * (`validate` does). With `within`, only problems inside those top-level variables count (to
   * check some variables before the others are known).
   */
  problemsIn(variables: Record<string, unknown>, within?: ReadonlySet<string>): ValidationProblem[];
  /** The variables with defaults filled in (in a copy: the caller's object is never changed), or
   * VALIDATION_FAILED naming every problem. */
  validate(variables: Record<string, unknown>): Record<string, unknown>;
}

function assertDescribesObject(schema: JsonSchema): void {
  const { type } = schema;
  const types = Array.isArray(type) ? type : type === undefined ? ["object"] : [type];
  if (types.includes("object")) return;
  throw new QuireError(
    "VALIDATION_FAILED",
    `The input schema must describe an object (the variables by name), but its type is ${JSON.stringify(type)}; use {"type": "object", "properties": {…}}`,
    { details: { type } },
  );
}

function compileSchema(schema: JsonSchema): ValidateFunction {
  const ajv = ajvForSchema(schema);
  try {
    return ajv.compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new QuireError("VALIDATION_FAILED", `The input schema is invalid: ${reason}`, {
      details: { schemaErrors: ajv.errors ?? [] },
      cause: error,
    });
  } finally {
    // The compiled function keeps what it needs; forgetting the schema keeps the shared instance
    // from growing with every version and lets two schemas share an $id.
    ajv.removeSchema(schema);
  }
}

/** Whether a `default` appears anywhere in the schema (then validation writes into the data). */
function hasDefaults(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasDefaults);
  if (schema === null || typeof schema !== "object") return false;
  if (Object.hasOwn(schema, "default")) return true;
  return Object.values(schema).some(hasDefaults);
}

/** Whether the schema's only defaults are those of its top-level properties. */
function hasOnlyTopLevelDefaults(schema: JsonSchema): boolean {
  const { properties, ...rest } = schema;
  if (hasDefaults(rest)) return false;
  if (properties === null || typeof properties !== "object") return true;
  return Object.values(properties).every((property) => {
    if (property === null || typeof property !== "object") return true;
    const { default: _default, ...inner } = property as Record<string, unknown>;
    return !hasDefaults(inner);
  });
}

/** The top-level variable a JSON pointer is inside (`/customer/age` → customer). */
function topLevelName(pointer: string): string | undefined {
  if (pointer === "") return undefined;
  const first = pointer.slice(1).split("/")[0] ?? "";
  return first.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Compiles an input schema (JSON Schema; 2020-12 unless `$schema` says otherwise). */
export function compileVariablesValidator(schema: JsonSchema): VariablesValidator {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    throw new QuireError("VALIDATION_FAILED", "The input schema must be a JSON Schema object", {
      details: { schema },
    });
  }
  assertDescribesObject(schema);
  const check = compileSchema(schema);
  const properties = schema.properties;
  const declaredNames = new Set(
    properties !== null && typeof properties === "object" ? Object.keys(properties) : [],
  );
  const problemsIn = (
    variables: Record<string, unknown>,
    within?: ReadonlySet<string>,
  ): ValidationProblem[] => {
    if (check(variables)) return [];
    const errors = check.errors ?? [];
    const relevant =
      within === undefined
        ? errors
        : errors.filter((error) => within.has(topLevelName(error.instancePath) ?? ""));
    return relevant.map(problemFromAjvError);
  };
  const fillsDefaults = hasDefaults(schema);
  const shallow = hasOnlyTopLevelDefaults(schema);
  // Without defaults ajv only reads, so the caller's object is used as it is; top-level
  // defaults only write into the top-level object.
  const copyForDefaults = (variables: Record<string, unknown>): Record<string, unknown> =>
    !fillsDefaults ? variables : shallow ? { ...variables } : cloneVariables(variables);
  return {
    schema,
    declaredNames,
    fillsDefaults,
    copyForDefaults,
    problemsIn,
    validate(variables) {
      const copy = copyForDefaults(variables);
      const problems = problemsIn(copy);
      if (problems.length > 0) throw variablesValidationError(problems);
      return copy;
    },
  };
}
