import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { retryAfterSeconds } from "./retry-after.js";

describe("retryAfterSeconds", () => {
  test("reads seconds, milliseconds and HTTP dates", () => {
    expect(retryAfterSeconds({ "retry-after": "7" })).toBe(7);
    expect(retryAfterSeconds({ "Retry-After": "1.5" })).toBe(1.5);
    expect(retryAfterSeconds({ "retry-after-ms": "250", "retry-after": "9" })).toBe(0.25);
    const now = Date.parse("2026-11-21T12:00:00Z");
    expect(retryAfterSeconds({ "retry-after": "Sat, 21 Nov 2026 12:00:30 GMT" }, now)).toBe(30);
    expect(retryAfterSeconds({ "retry-after": "Sat, 21 Nov 2026 11:00:00 GMT" }, now)).toBe(0);
  });

  test("says nothing for absent or unreadable headers", () => {
    expect(retryAfterSeconds(undefined)).toBeUndefined();
    expect(retryAfterSeconds({})).toBeUndefined();
    expect(retryAfterSeconds({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterSeconds({ "retry-after": "-3" })).toBeUndefined();
  });

  test("any whole number of seconds reads back as itself", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), (seconds) => {
        expect(retryAfterSeconds({ "retry-after": String(seconds) })).toBe(seconds);
      }),
    );
  });
});
