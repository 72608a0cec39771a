import { describe, expect, it } from "vitest";
import { parseAssertionString, splitList } from "./assertion-string.js";

describe("parseAssertionString", () => {
  it.each([
    ["icontains: Refund ", { type: "icontains", value: "Refund" }],
    ["not-contains: sorry", { type: "not-contains", value: "sorry" }],
    ["levenshtein(5): hello", { type: "levenshtein", value: "hello", threshold: 5 }],
    ["fn: output.includes('x')", { type: "javascript", value: "output.includes('x')" }],
    ["eval: 1", { type: "javascript", value: "1" }],
    ["llm-rubric: says\nthank you", { type: "llm-rubric", value: "says\nthank you" }],
    ["latency(500)", { type: "latency", threshold: 500 }],
    ["not-is-json", { type: "not-is-json" }],
    ["starts-with: Dear", { type: "starts-with", value: "Dear" }],
    ["icontains-all: a, b\\, c", { type: "icontains-all", value: ["a", "b, c"] }],
  ])("reads %j", (cell, assertion) => {
    expect(parseAssertionString(cell)).toEqual({ kind: "assertion", assertion });
  });

  it.each([
    "Paris",
    "contains:",
    "equals",
    "Contains: x",
    "note: x",
    "unknown-type: x",
    "contains(abc",
  ])("leaves %j as text", (cell) => {
    expect(parseAssertionString(cell)).toEqual({ kind: "text" });
  });

  it("flags a threshold that is not a number", () => {
    expect(parseAssertionString("similar(): x").kind).toBe("invalid");
  });

  it("splits lists on unescaped commas and drops empty items", () => {
    expect(splitList(" a ,b\\,c,, d")).toEqual(["a", "b,c", "d"]);
  });
});
