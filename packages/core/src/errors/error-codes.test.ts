import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorCodeForStatus, errorCodes, httpStatusForCode } from "./error-codes.js";

describe("errorCodeForStatus", () => {
  it("names the canonical code of each status in the table", () => {
    expect(errorCodeForStatus(400)).toBe("BAD_REQUEST");
    expect(errorCodeForStatus(404)).toBe("NOT_FOUND");
    expect(errorCodeForStatus(422)).toBe("VALIDATION_FAILED");
    expect(errorCodeForStatus(500)).toBe("INTERNAL");
    expect(errorCodeForStatus(503)).toBe("UNAVAILABLE");
  });

  it("reads gateway failures as an unreachable server", () => {
    expect(errorCodeForStatus(502)).toBe("UNAVAILABLE");
    expect(errorCodeForStatus(504)).toBe("UNAVAILABLE");
  });

  it("falls back to the class of the status", () => {
    expect(errorCodeForStatus(415)).toBe("BAD_REQUEST");
    expect(errorCodeForStatus(599)).toBe("INTERNAL");
  });

  it("maps every code's status back to a code with the same status", () => {
    for (const code of errorCodes) {
      const status = httpStatusForCode(code);
      if (status === 502) continue; // gateway statuses read as UNAVAILABLE, tested above
      expect(httpStatusForCode(errorCodeForStatus(status))).toBe(status);
    }
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), (status) => {
        const code = errorCodeForStatus(status);
        expect(httpStatusForCode(code) >= 500).toBe(status >= 500);
      }),
    );
  });
});
