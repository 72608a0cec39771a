import {
  applyGuards,
  type CompiledPrompt,
  type GuardedVariables,
  type GuardOptions,
  isQuireError,
  type JsonSchema,
  parseGuardOptions,
  QuireError,
  type RenderedMessage,
  type RenderResult,
} from "@quire/core";

/** The guard options that apply: the request's, else the version's `config.guard`, else none. */
export function guardOptionsFor(
  requested: unknown,
  config: Record<string, unknown>,
): GuardOptions | undefined {
  const chosen = requested ?? config.guard;
  if (chosen === undefined || chosen === null) return undefined;
  return parseGuardOptions(chosen);
}

export interface GuardedRender {
  result: RenderResult;
  guards: GuardedVariables;
}

/**
 * Renders with the guards: validates (and fills defaults) by a first render, applies the guards
 * to the validated variables (a refusal is VALIDATION_FAILED naming the variable), renders again
 * with the guarded values and puts the system preamble first. `variables` in the result are the
 * validated ones, as the caller sent them (not wrapped).
 */
export function renderGuarded(
  compiled: CompiledPrompt,
  variables: Record<string, unknown>,
  strict: boolean,
  inputSchema: JsonSchema | null,
  guard: GuardOptions,
): GuardedRender {
  const validated = compiled.render(variables, { strict });
  const guards = applyGuards(validated.variables, inputSchema, guard);
  const rendered = renderGuardedValues(compiled, guards.variables);
  const output =
    guards.systemPreamble === undefined ? rendered : withPreamble(rendered, guards.systemPreamble);
  return { result: { ...output, variables: validated.variables }, guards };
}

/**
 * The guarded values are validated again by the render: a wrapped or sanitized value may no
 * longer fit the schema (a `maxLength`, a `pattern`). Say so, rather than blame the caller's value.
 */
function renderGuardedValues(
  compiled: CompiledPrompt,
  variables: Record<string, unknown>,
): RenderResult {
  try {
    return compiled.render(variables, { strict: false });
  } catch (error) {
    if (!isQuireError(error) || error.code !== "VALIDATION_FAILED") throw error;
    throw new QuireError(
      "VALIDATION_FAILED",
      `The variables are valid, but after the guards sanitized or wrapped the untrusted ones they no longer fit the input schema (${error.message}). Loosen the schema's maxLength or pattern for untrusted variables, or turn off guard.wrap.`,
      { details: { ...error.details, guard: true } },
    );
  }
}

/** The preamble as the first paragraph of a text, or first in the system message of a chat. */
export function withPreamble(rendered: RenderResult, preamble: string): RenderResult {
  if ("text" in rendered) return { ...rendered, text: `${preamble}\n\n${rendered.text}` };
  const [first, ...rest] = rendered.messages;
  if (first !== undefined && first.role === "system") {
    const [firstPart, ...otherParts] = first.content;
    const content =
      firstPart !== undefined && "text" in firstPart && typeof firstPart.text === "string"
        ? [{ ...firstPart, text: `${preamble}\n\n${firstPart.text}` }, ...otherParts]
        : [{ text: preamble }, ...first.content];
    return { ...rendered, messages: [{ ...first, content }, ...rest] };
  }
  const system: RenderedMessage = { role: "system", content: [{ text: preamble }] };
  return { ...rendered, messages: [system, ...rendered.messages] };
}
