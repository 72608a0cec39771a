import { QuireError } from "../errors/index.js";
import { cloneVariables } from "../schemas/clone-variables.js";
import type { VariablesValidator } from "../schemas/compile-variables-validator.js";
import type { ValidationProblem } from "../schemas/validation-problem.js";
import { variablesValidationError } from "../schemas/variables-validation-error.js";
import type { TemplateVariable } from "../templates/template-engine.js";
import type { CompiledPrompt, RenderOptions, RenderResult } from "./compiled-prompt-types.js";
import type { PromptContent } from "./prompt-content.js";
import type { PromptRenderer } from "./prompt-renderer.js";
import { type StrictNames, strictProblems } from "./strict-variables.js";

/** Everything a compiled prompt holds; `partial` makes a new one with more bound. */
export interface CompiledPromptParts {
  content: PromptContent;
  renderer: PromptRenderer;
  validator: VariablesValidator | undefined;
  /** Variables bound by `partial`, already validated and copied. */
  bound: Readonly<Record<string, unknown>> | undefined;
}

type Variables = Record<string, unknown>;

function assertVariablesObject(
  variables: unknown,
  what = "Variables",
): asserts variables is Variables {
  if (variables === null || typeof variables !== "object" || Array.isArray(variables)) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${what} must be an object of name → value, got ${Array.isArray(variables) ? "an array" : variables === null ? "null" : typeof variables}`,
      {
        details: {
          problems: [
            { path: "", keyword: "type", expected: "object", message: `${what} must be an object` },
          ],
        },
      },
    );
  }
}

/** What strict mode checks: the schema's names, else the templates' (less those bound). */
function strictNames(parts: CompiledPromptParts): StrictNames {
  const templateNames = parts.renderer.variables.map((variable) => variable.name);
  const bound = parts.bound ?? {};
  const unbound = (name: string) => !Object.hasOwn(bound, name);
  if (parts.validator !== undefined) {
    return {
      known: new Set([...parts.validator.declaredNames].filter(unbound)),
      required: [],
      source: "input schema",
    };
  }
  return {
    known: new Set([...templateNames, ...parts.renderer.extraNames].filter(unbound)),
    required: templateNames.filter(unbound),
    source: "template",
  };
}

function boundProblems(variables: Variables, bound: Readonly<Variables>): ValidationProblem[] {
  return Object.keys(variables)
    .filter((name) => Object.hasOwn(bound, name))
    .map((name) => ({
      path: name,
      keyword: "bound",
      message: `Variable "${name}" is already bound by partial(); leave it out, or bind another value with partial() on the unbound prompt`,
    }));
}

/**
 * Text prompt, no schema, nothing bound: the render is the compiled template plus the strict
 * check, with nothing copied or allocated but the result.
 */
function fastRender(parts: CompiledPromptParts): CompiledPrompt["render"] | undefined {
  const text = parts.renderer.text;
  if (text === undefined || parts.validator !== undefined || parts.bound !== undefined) {
    return undefined;
  }
  let names: StrictNames | undefined;
  return (variables: Variables, options?: RenderOptions): RenderResult => {
    if (variables === null || typeof variables !== "object" || Array.isArray(variables)) {
      assertVariablesObject(variables);
    }
    if (options !== undefined && options.strict === true) {
      names ??= strictNames(parts);
      const problems = strictProblems(variables, names);
      if (problems.length > 0) throw variablesValidationError(problems);
    }
    return { text: text(variables), variables };
  };
}

function render(
  parts: CompiledPromptParts,
  variables: Variables,
  options?: RenderOptions,
): RenderResult {
  assertVariablesObject(variables);
  const { bound, validator } = parts;
  const problems = bound === undefined ? [] : boundProblems(variables, bound);
  let prepared: Variables = bound === undefined ? variables : { ...variables, ...bound };
  const unknownNames = new Set<string>();
  if (options?.strict === true) {
    for (const problem of strictProblems(prepared, strictNames(parts))) {
      if (Object.hasOwn(bound ?? {}, problem.path)) continue;
      if (problem.keyword === "unknown") unknownNames.add(problem.path);
      problems.push(problem);
    }
  }
  if (validator !== undefined) {
    // Defaults are written into the variables: never into the caller's objects.
    prepared = validator.copyForDefaults(prepared);
    for (const problem of validator.problemsIn(prepared)) {
      // Strict mode already named an undeclared variable.
      if (problem.keyword === "additionalProperties" && unknownNames.has(problem.path)) continue;
      problems.push(problem);
    }
  }
  if (problems.length > 0) throw variablesValidationError(problems);
  return { ...parts.renderer.render(prepared), variables: prepared };
}

function partial(parts: CompiledPromptParts, bound: Variables): CompiledPrompt {
  assertVariablesObject(bound, "Bound variables");
  const already = parts.bound ?? {};
  const problems = boundProblems(bound, already);
  const takes = new Set([
    ...(parts.validator?.declaredNames ?? []),
    ...parts.renderer.variables.map((variable) => variable.name),
    ...parts.renderer.extraNames,
  ]);
  for (const name of Object.keys(bound)) {
    if (takes.has(name)) continue;
    problems.push({
      path: name,
      keyword: "unknown",
      message: `Cannot bind "${name}": the prompt takes no variable of that name`,
    });
  }
  const merged = { ...already, ...cloneVariables(bound) };
  if (parts.validator !== undefined) {
    // Check the bound values now, ignoring what is missing: the rest comes at render.
    problems.push(
      ...parts.validator.problemsIn(cloneVariables(merged), new Set(Object.keys(bound))),
    );
  }
  if (problems.length > 0) throw variablesValidationError(problems);
  return createCompiledPrompt({ ...parts, bound: merged });
}

/** A prompt compiled once; `render` parses nothing. */
export function createCompiledPrompt(parts: CompiledPromptParts): CompiledPrompt {
  const boundNames = new Set(Object.keys(parts.bound ?? {}));
  const variables: TemplateVariable[] = parts.renderer.variables.filter(
    (variable) => !boundNames.has(variable.name),
  );
  return {
    content: parts.content,
    variables,
    render: fastRender(parts) ?? ((input, options) => render(parts, input, options)),
    partial: (bound) => partial(parts, bound),
  };
}
