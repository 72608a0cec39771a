import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkPageSize,
  decodeNumberCursor,
  decodeTextCursor,
  encodeCursor,
  toPage,
} from "./page-cursor.js";

describe("page cursors", () => {
  it("round-trips any sort key", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: "binary" }), (key) => {
        expect(decodeTextCursor(encodeCursor(key))).toBe(key);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (key) => {
        expect(decodeNumberCursor(encodeCursor(key))).toBe(key);
      }),
    );
  });

  it("refuses cursors it did not make", () => {
    for (const cursor of ["", "a b", "====", "not a cursor!"]) {
      expect(() => decodeTextCursor(cursor)).toThrow(/Invalid cursor/);
    }
    for (const key of ["0", "-3", "1.5", "12abc"]) {
      expect(() => decodeNumberCursor(encodeCursor(key))).toThrow(/Invalid cursor/);
    }
  });

  it("accepts page sizes from 1 to 500 only", () => {
    expect(checkPageSize(1)).toBe(1);
    expect(checkPageSize(500)).toBe(500);
    for (const limit of [0, 501, 2.5, Number.NaN])
      expect(() => checkPageSize(limit)).toThrow(/1 to 500/);
  });

  it("gives a next cursor only when more rows were fetched than the page holds", () => {
    const identity = (row: number) => row;
    expect(toPage([1, 2, 3], 2, identity, identity)).toEqual({
      items: [1, 2],
      nextCursor: encodeCursor(2),
    });
    expect(toPage([1, 2], 2, identity, identity)).toEqual({ items: [1, 2], nextCursor: null });
    expect(toPage([], 2, identity, identity)).toEqual({ items: [], nextCursor: null });
  });
});
