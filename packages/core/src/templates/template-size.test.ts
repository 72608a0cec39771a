import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import {
  assertTemplateSize,
  assertTemplateSourceSize,
  defaultMaxTemplateBytes,
  utf8ByteLength,
} from "./template-size.js";

describe("utf8ByteLength", () => {
  it("counts like a UTF-8 encoder, lone surrogates included", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
      }),
    );
    expect(utf8ByteLength("a\u00e9\u20ac\u{1f600}")).toBe(1 + 2 + 3 + 4);
  });
});

describe("template size limit", () => {
  it("is 100 KB by default", () => {
    expect(defaultMaxTemplateBytes).toBe(102_400);
    expect(() => assertTemplateSourceSize("x".repeat(102_400))).not.toThrow();
  });

  it("refuses a template over the limit with PAYLOAD_TOO_LARGE naming the size and the limit", () => {
    try {
      assertTemplateSourceSize("\u20ac".repeat(400), 1000);
    } catch (error) {
      if (!isQuireError(error)) throw error;
      expect(error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(error.details).toEqual({ size: 1200, limit: 1000 });
      expect(error.message).toContain("1,200 bytes");
      expect(error.message).toContain("1,000 bytes");
      return;
    }
    throw new Error("expected PAYLOAD_TOO_LARGE");
  });

  it("counts bytes, not characters", () => {
    expect(() => assertTemplateSourceSize("\u20ac".repeat(300), 1000)).not.toThrow();
    expect(() => assertTemplateSize(1001, 1000)).toThrow(/over the limit of 1,000 bytes/);
  });
});
