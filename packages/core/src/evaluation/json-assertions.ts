import type { ValidateFunction } from "ajv";
import type { JsonSchema } from "../prompts/prompt-content.js";
import { ajvForSchema } from "../schemas/ajv-for-schema.js";
import {
  type AssertionHandler,
  type AssertionOutcome,
  binary,
  errored,
  outputStart,
  type SpecProblem,
} from "./assertion-handler.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { jsonCandidates } from "./json-candidates.js";

/** The schema given as `value` or `options.schema`, if any. */
function schemaOf(spec: AssertionSpec, value: unknown): unknown {
  return spec.options?.schema ?? value;
}

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: unknown): ValidateFunction | string {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    return "the schema must be a JSON Schema object";
  }
  const cached = compiled.get(schema);
  if (cached !== undefined) return cached;
  try {
    const validate = ajvForSchema(schema as JsonSchema).compile(schema);
    compiled.set(schema, validate);
    return validate;
  } catch (error) {
    return `the JSON Schema does not compile: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function checkSchema(spec: AssertionSpec): SpecProblem | undefined {
  const schema = schemaOf(spec, spec.value);
  if (schema === undefined) return undefined;
  const validator = validatorFor(schema);
  if (typeof validator === "string") {
    return { field: spec.options?.schema === undefined ? "value" : "options", message: validator };
  }
  return undefined;
}

function schemaErrors(validate: ValidateFunction, data: unknown): string | undefined {
  // ajv fills in defaults, so validate a copy (the data came from JSON.parse: a JSON round trip is exact).
  if (validate(JSON.parse(JSON.stringify(data)))) return undefined;
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((problem) => `${problem.instancePath || "/"} ${problem.message ?? "is invalid"}`)
    .join("; ");
}

function withSchema(
  values: readonly unknown[],
  schema: unknown,
  what: string,
  output: string,
): AssertionOutcome {
  if (schema === undefined) return binary(true, `output ${what} valid JSON`);
  const validate = validatorFor(schema);
  if (typeof validate === "string") return errored(validate);
  let firstProblem = "";
  for (const value of values) {
    const problem = schemaErrors(validate, value);
    if (problem === undefined) return binary(true, `output ${what} JSON valid against the schema`);
    if (firstProblem === "") firstProblem = problem;
  }
  return binary(
    false,
    `expected output's JSON to match the schema; ${firstProblem}. Output starts: ${outputStart(output)}`,
  );
}

const isJson: AssertionHandler = {
  check: checkSchema,
  evaluate({ spec, value, input }) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.output);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return binary(
        false,
        `expected output to be JSON; it does not parse (${detail}). Output starts: ${outputStart(input.output)}`,
      );
    }
    return withSchema([parsed], schemaOf(spec, value), "is", input.output);
  },
};

const containsJson: AssertionHandler = {
  check: checkSchema,
  evaluate({ spec, value, input }) {
    const found = jsonCandidates(input.output);
    if (found.length === 0) {
      return binary(
        false,
        `expected output to contain a JSON object or array; none found. Output starts: ${outputStart(input.output)}`,
      );
    }
    return withSchema(found, schemaOf(spec, value), "contains", input.output);
  },
};

/** is-json and contains-json. */
export const jsonAssertions: Record<string, AssertionHandler> = {
  "is-json": isJson,
  "contains-json": containsJson,
};
