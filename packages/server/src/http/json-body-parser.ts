import { QuireError } from "@quire/core";
import type { FastifyInstance } from "fastify";
import { jsonErrorPosition, lineAndColumn } from "./json-error-position.js";

/** Keys that could change an object's prototype once the body is copied around. */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === "__proto__") {
    throw new QuireError(
      "BAD_REQUEST",
      'The request body holds a "__proto__" key, which is refused.',
      {
        details: { key },
      },
    );
  }
  return value;
}

/** Deepest nesting of arrays and objects accepted in a body: deeper JSON parses, but echoing or
 * walking it (JSON.stringify, a template's json helper) overflows the stack. */
export const maxJsonDepth = 1000;

/** Refuses JSON nested deeper than maxJsonDepth, in one pass over the text (strings skipped). */
function assertJsonDepth(text: string): void {
  // Fewer brackets than the limit cannot nest deeper than it.
  if (text.length <= maxJsonDepth) return;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      // Skip the string, and the character after each backslash in it.
      for (index++; index < text.length && text.charCodeAt(index) !== 0x22; index++) {
        if (text.charCodeAt(index) === 0x5c) index++;
      }
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > maxJsonDepth) {
        throw new QuireError(
          "BAD_REQUEST",
          `The request body's JSON is nested more than ${maxJsonDepth.toLocaleString("en-US")} levels deep; send flatter data.`,
          { details: { limit: maxJsonDepth } },
        );
      }
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
}

/** Parses a JSON body; malformed JSON is a 400 that says where the JSON broke. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") {
    throw new QuireError(
      "BAD_REQUEST",
      "The request body is empty but Content-Type is application/json: send a JSON object.",
    );
  }
  assertJsonDepth(text);
  try {
    return text.includes("__proto__") ? JSON.parse(text, refuseProtoKeys) : JSON.parse(text);
  } catch (error) {
    if (error instanceof QuireError) throw error;
    const position = jsonErrorPosition(text);
    const { line, column } = lineAndColumn(text, position);
    const excerpt = text.slice(Math.max(0, position - 20), position + 20);
    const reason =
      error instanceof Error ? error.message.replace(/ in JSON at position \d+.*$/, "") : "";
    throw new QuireError(
      "BAD_REQUEST",
      `Malformed JSON in the request body at line ${line}, column ${column}` +
        `${reason === "" ? "" : ` (${reason})`}, near ${JSON.stringify(excerpt)}. Fix the JSON and send it again.`,
      { details: { line, column, position, excerpt } },
    );
  }
}

/**
 * Bodies are JSON only: replaces Fastify's parsers (JSON and plain text) with one JSON parser
 * whose errors say where the JSON broke. Other content types get 400 from the error handler.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
