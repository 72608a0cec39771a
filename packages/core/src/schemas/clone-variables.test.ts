import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cloneVariables } from "./clone-variables.js";

describe("cloneVariables", () => {
  it("copies plain data deeply: equal, but sharing no object or array", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = cloneVariables(value);
        expect(copy).toEqual(value);
        if (value !== null && typeof value === "object") expect(copy).not.toBe(value);
      }),
    );
  });

  it("keeps an own __proto__ key as a key", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<
      string,
      unknown
    >;
    const copy = cloneVariables(value);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("shares values that are not plain data", () => {
    const date = new Date(0);
    expect(cloneVariables({ date }).date).toBe(date);
  });
});
