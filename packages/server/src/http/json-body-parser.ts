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

/** Parses a JSON body; malformed JSON is a 400 that says where the JSON broke. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") {
    throw new QuireError(
      "BAD_REQUEST",
      "The request body is empty but Content-Type is application/json: send a JSON object.",
    );
  }
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
