import { QuireError } from "../errors/index.js";
import { excerptAt, positionAt } from "./text-position.js";

/**
 * The error every output parser throws: VALIDATION_FAILED, saying what was expected and, when a
 * place is known, where in the output parsing failed (line, column and an excerpt). Details:
 * `{expected, line?, column?, offset?, excerpt}` plus what the parser adds.
 */
export function outputParseError(
  text: string,
  expected: string,
  problem: string,
  options: { offset?: number; details?: Record<string, unknown>; cause?: unknown } = {},
): QuireError {
  const { offset } = options;
  // Around the failure when its place is known, else the start of the output.
  const excerpt = offset === undefined ? excerptAt(text, 0, 60) : excerptAt(text, offset);
  let message = `Expected ${expected}, but ${problem}`;
  let place: Record<string, unknown> = {};
  if (offset !== undefined) {
    const { line, column } = positionAt(text, offset);
    message += ` (line ${line}, column ${column}: ${JSON.stringify(excerpt)})`;
    place = { line, column, offset };
  } else if (text.trim() !== "") {
    message += `; the output starts with ${JSON.stringify(excerpt)}`;
  }
  return new QuireError("VALIDATION_FAILED", message, {
    details: { expected, ...place, excerpt, ...options.details },
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}
