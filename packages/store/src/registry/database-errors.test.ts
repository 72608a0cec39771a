import { QuireError } from "@quire/core";
import { describe, expect, it } from "vitest";
import { translateDatabaseError } from "./database-errors.js";

function databaseError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("translateDatabaseError", () => {
  it("passes QuireErrors through unchanged", () => {
    const original = new QuireError("NOT_FOUND", "gone");
    expect(translateDatabaseError(original)).toBe(original);
  });

  it("turns NUL characters into VALIDATION_FAILED and lost connections into retryable UNAVAILABLE", () => {
    expect(
      translateDatabaseError(databaseError("22P05", "unsupported Unicode escape sequence")),
    ).toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(translateDatabaseError(databaseError("57P01", "terminating connection"))).toMatchObject({
      code: "UNAVAILABLE",
      retryable: true,
    });
  });

  it("keeps anything else as INTERNAL with its cause", () => {
    const cause = databaseError("42P01", "relation does not exist");
    const translated = translateDatabaseError(cause);
    expect(translated).toMatchObject({ code: "INTERNAL", details: { databaseCode: "42P01" } });
    expect(translated.cause).toBe(cause);
  });
});
