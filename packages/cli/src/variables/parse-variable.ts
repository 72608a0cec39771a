import { UsageError } from "../usage-error.js";

export interface VariableAssignment {
  name: string;
  value: unknown;
}

/**
 * Reads one `--var name=value`. The value is JSON when it parses as JSON (`count=3`,
 * `tags=["a","b"]`, `on=true`), otherwise the text as written (`name=Ann`). Everything after
 * the first `=` is the value, so values may hold `=` themselves.
 */
export function parseVariable(text: string): VariableAssignment {
  const separator = text.indexOf("=");
  if (separator === -1) {
    throw new UsageError(
      `--var expects NAME=VALUE, got ${JSON.stringify(text)}; for example --var name=Ann or --var count=3`,
      { option: "--var", given: text },
    );
  }
  const name = text.slice(0, separator).trim();
  if (name === "") {
    throw new UsageError(`--var ${JSON.stringify(text)} has no variable name before "="`, {
      option: "--var",
      given: text,
    });
  }
  const raw = text.slice(separator + 1);
  return { name, value: parseJsonOrText(raw) };
}

function parseJsonOrText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Folds many `--var` flags into an object; a later flag for the same name wins. */
export function parseVariables(texts: readonly string[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const text of texts) {
    const { name, value } = parseVariable(text);
    variables[name] = value;
  }
  return variables;
}

/** Reads `--data`: a JSON object. */
export function parseDataOption(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--data is not valid JSON: ${(error as Error).message}`, {
      option: "--data",
    });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`--data must be a JSON object like '{"input":{"name":"Ann"}}'`, {
      option: "--data",
    });
  }
  return value as Record<string, unknown>;
}
