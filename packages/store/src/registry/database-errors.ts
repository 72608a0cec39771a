import { isQuireError, QuireError } from "@quire/core";

/** SQLSTATE codes of text the database cannot store: NUL characters (`\u0000`). */
const unstorableTextCodes = new Set(["22P05", "22021"]);
/** Lost connections and server shutdowns: the caller may retry. */
const unavailableCodes = new Set([
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
]);

/**
 * Turns a database error into a QuireError a caller can act on. QuireErrors pass unchanged;
 * anything unknown becomes INTERNAL with the original as its cause.
 */
export function translateDatabaseError(error: unknown): QuireError {
  if (isQuireError(error)) return error;
  const code =
    error !== null && typeof error === "object" && "code" in error ? String(error.code) : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  if (code !== undefined && unstorableTextCodes.has(code)) {
    return new QuireError(
      "VALIDATION_FAILED",
      `The request holds text the database cannot store (${reason}); remove NUL characters (\\u0000) from the template, schemas, config, metadata and description.`,
      { details: { databaseCode: code }, cause: error },
    );
  }
  if (code !== undefined && unavailableCodes.has(code)) {
    return new QuireError("UNAVAILABLE", `The database is unreachable (${reason}); try again.`, {
      details: { databaseCode: code },
      cause: error,
      retryable: true,
    });
  }
  return new QuireError("INTERNAL", `The database refused the operation: ${reason}`, {
    details: code === undefined ? {} : { databaseCode: code },
    cause: error,
  });
}
