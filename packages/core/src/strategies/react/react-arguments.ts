import { extractJson } from "../../output-parsers/json-output.js";
import type { JsonSchema } from "../../prompts/prompt-content.js";

export type ArgumentsReading =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: string };

/** The one property a tool takes, when its schema declares exactly one. */
function soleProperty(parameters: JsonSchema | undefined): string | undefined {
  const properties = parameters?.properties;
  if (properties === null || typeof properties !== "object") return undefined;
  const names = Object.keys(properties);
  return names.length === 1 ? names[0] : undefined;
}

function soleType(parameters: JsonSchema | undefined, name: string): unknown {
  const property = (parameters?.properties as Record<string, { type?: unknown }> | undefined)?.[
    name
  ];
  return property?.type;
}

/**
 * A ReAct `Action Input` as tool arguments: a JSON object (bare, fenced or inside text); nothing
 * for no arguments; or, for a tool with a single parameter, plain text (or a JSON string or
 * number) as that parameter's value.
 */
export function readActionInput(
  input: string,
  parameters: JsonSchema | undefined,
): ArgumentsReading {
  if (input === "") return { ok: true, value: {} };
  let value: unknown;
  let parsed = true;
  try {
    value = extractJson(input).value;
  } catch {
    parsed = false;
  }
  if (parsed && value !== null && typeof value === "object" && !Array.isArray(value)) {
    return { ok: true, value: value as Record<string, unknown> };
  }
  const sole = soleProperty(parameters);
  if (sole !== undefined) {
    const wantsText = soleType(parameters, sole) === "string";
    const plain = input.replace(/^["'`]+|["'`]+$/g, "");
    if (parsed && typeof value === "string") return { ok: true, value: { [sole]: value } };
    const scalar = parsed && (typeof value === "number" || typeof value === "boolean");
    return { ok: true, value: { [sole]: scalar && !wantsText ? value : plain } };
  }
  return {
    ok: false,
    problem: `the Action Input must be a JSON object of the tool's arguments, like {"name": value}; got ${JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input)}`,
  };
}
