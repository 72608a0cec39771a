import { isQuireError } from "@quire/core";
import { describe, expect, it } from "vitest";
import { readFallbackConfig } from "./fallback-config.js";

describe("readFallbackConfig", () => {
  it("reads model ids and {model, timeoutMs} entries, or nothing", () => {
    expect(readFallbackConfig({})).toBeUndefined();
    expect(
      readFallbackConfig({
        fallback: ["local/a", { model: "openai/gpt-4o-mini", timeoutMs: 500 }],
      }),
    ).toEqual(["local/a", { model: "openai/gpt-4o-mini", timeoutMs: 500 }]);
  });

  it("names the bad entry and shows the expected form", () => {
    const error = (() => {
      try {
        readFallbackConfig({ fallback: ["local/a", { model: "b", timeout: 5 }] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isQuireError(error) && error.code).toBe("VALIDATION_FAILED");
    expect(isQuireError(error) && error.message).toMatch(
      /^The version's config\.fallback is invalid \(config\.fallback\.1/,
    );
    expect(isQuireError(error) && error.message).toContain('{"model": "openai/gpt-4o-mini"');
    expect(() => readFallbackConfig({ fallback: "local/a" })).toThrow(
      /config\.fallback is invalid/,
    );
  });
});
