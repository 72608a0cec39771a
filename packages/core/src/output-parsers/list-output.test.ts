import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { parseList, parseListWithStyle } from "./list-output.js";

describe("parseList", () => {
  it("reads bulleted lists, with continuation lines and nested bullets", () => {
    const text = "Options:\n- first\n  continued here\n* second\n  - nested\n• third\nThanks!";
    expect(parseListWithStyle(text)).toEqual({
      items: ["first continued here", "second", "nested", "third"],
      style: "bulleted",
    });
  });

  it("reads numbered lists written with dots or parentheses", () => {
    expect(parseList("Steps:\n1. Boil water\n2) Add tea\n\n3. Wait")).toEqual([
      "Boil water",
      "Add tea",
      "Wait",
    ]);
  });

  it("lets the first marked line decide between bullets and numbers", () => {
    expect(parseList("1. Plan\n   - detail\n2. Build")).toEqual(["Plan - detail", "Build"]);
  });

  it("reads comma-separated lists, with a final 'and'/'or' and a full stop", () => {
    expect(parseList("red, green, and blue.")).toEqual(["red", "green", "blue"]);
    expect(parseList("tea, coffee or water")).toEqual(["tea", "coffee or water"]);
    expect(parseList("one item")).toEqual(["one item"]);
  });

  it("reads one item per line when nothing marks the lines", () => {
    expect(parseListWithStyle("alpha\n\nbeta, gamma\n")).toEqual({
      items: ["alpha", "beta, gamma"],
      style: "lines",
    });
  });

  it("says what was expected when the style asked for is missing, or the output is empty", () => {
    const error = thrown(() => parseList("a, b", { style: "numbered" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe(
      'Expected a numbered list (lines starting with "1. " or "1) "), but no line starts with such a marker; the output starts with "a, b"',
    );
    expect(thrown(() => parseList(" \n ")).message).toBe(
      "Expected a list, but the output is empty",
    );
  });
});
