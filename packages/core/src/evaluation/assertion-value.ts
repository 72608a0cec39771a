import { handlebarsEngine } from "../templates/engines/handlebars-engine.js";
import type { CompiledTemplate } from "../templates/template-engine.js";
import type { AssertionInput } from "./assertion-context.js";
import type { AssertionHandler } from "./assertion-handler.js";
import type { AssertionSpec } from "./assertion-spec.js";

const compiled = new Map<string, CompiledTemplate>();

function render(source: string, variables: Record<string, unknown>): string {
  let template = compiled.get(source);
  if (template === undefined) {
    template = handlebarsEngine.compile(source);
    if (compiled.size > 500) compiled.clear();
    compiled.set(source, template);
  }
  return template(variables);
}

/**
 * Renders `{{variable}}` in every string of a value (in lists and objects too) with Handlebars; a
 * value without `{{` is returned as it is (the same object, so compiled schemas stay cached).
 */
export function substituteVariables(value: unknown, variables: Record<string, unknown>): unknown {
  if (typeof value === "string") return value.includes("{{") ? render(value, variables) : value;
  if (typeof value !== "object" || value === null || !JSON.stringify(value).includes("{{")) {
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => substituteVariables(item, variables));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, substituteVariables(item, variables)]),
  );
}

/**
 * The value a check compares with: the spec's value with variables substituted, or, for types
 * that take it, the case's expected output when the spec gives none. Throws a QuireError when a
 * `{{…}}` in the value does not render.
 */
export function resolveAssertionValue(
  spec: AssertionSpec,
  handler: AssertionHandler,
  input: AssertionInput,
): unknown {
  if (spec.value === undefined)
    return handler.valueFromExpected === true ? input.expected : undefined;
  return handler.keepsValueRaw === true
    ? spec.value
    : substituteVariables(spec.value, input.variables);
}
