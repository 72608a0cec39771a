import { QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import { withVariableHint } from "./variable-hint.js";

const typeError = new QuireError(
  "VALIDATION_FAILED",
  'Variable "zip" must be string, got number 123',
  {
    details: {
      problems: [{ path: "zip", keyword: "type", expected: "string", received: "number 123" }],
    },
  },
);

describe("withVariableHint", () => {
  test("a --var read as JSON where the schema wants text gets a hint showing how to quote it", () => {
    const hinted = withVariableHint(typeError, ["zip=123", "name=Ann"]) as QuireError;
    expect(hinted.message).toBe(
      'Variable "zip" must be string, got number 123\nhint: --var values are read as JSON when they parse; for text write --var zip=\'"123"\'',
    );
    expect(hinted.code).toBe("VALIDATION_FAILED");
    expect(hinted.details).toEqual(typeError.details);
  });

  test("other errors, and variables given as text, pass through unchanged", () => {
    expect(withVariableHint(typeError, ["name=Ann"])).toBe(typeError);
    const notFound = new QuireError("NOT_FOUND", "no");
    expect(withVariableHint(notFound, ["zip=123"])).toBe(notFound);
  });
});
