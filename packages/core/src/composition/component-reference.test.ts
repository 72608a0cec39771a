import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import {
  componentReferenceProblem,
  formatComponentReference,
  parseComponentReference,
} from "./component-reference.js";

describe("component references", () => {
  it("reads latest, label and version selectors", () => {
    expect(parseComponentReference("support/guidelines")).toEqual({
      name: "support/guidelines",
      requested: "latest",
    });
    expect(parseComponentReference("support/guidelines@production")).toEqual({
      name: "support/guidelines",
      requested: "label",
      label: "production",
    });
    expect(parseComponentReference("agents/planner.v2:12")).toEqual({
      name: "agents/planner.v2",
      requested: "version",
      version: 12,
    });
  });

  it("reads @latest as the latest version, written without a selector", () => {
    const reference = parseComponentReference("a/b@latest");
    expect(reference).toEqual({ name: "a/b", requested: "latest" });
    expect(formatComponentReference(reference)).toBe("a/b");
  });

  it.each([
    ["", "prompt name"],
    ["a b", "prompt name"],
    ["a@Prod", 'label "Prod"'],
    ["a@3", 'label "3"'],
    ["a:0", "version"],
    ["a:x", "version"],
    ["a@b:3", "prompt name"],
    ["../x", "prompt name"],
  ])("refuses %j, saying what is wrong with its %s", (text, part) => {
    const error = thrown(() => parseComponentReference(text));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain(part);
    expect(error.message).toContain("name@label");
    expect(componentReferenceProblem(text)).toBeDefined();
  });

  it("formats every reference back to text that reads the same", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,8}$/);
    const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/"));
    const reference = fc.oneof(
      name.map((value) => ({ name: value, requested: "latest" as const })),
      fc
        .tuple(name, fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/))
        .filter(([, label]) => label !== "latest")
        .map(([value, label]) => ({ name: value, requested: "label" as const, label })),
      fc
        .tuple(name, fc.integer({ min: 1, max: 99_999 }))
        .map(([value, version]) => ({ name: value, requested: "version" as const, version })),
    );
    fc.assert(
      fc.property(reference, (value) => {
        expect(parseComponentReference(formatComponentReference(value))).toEqual(value);
      }),
    );
  });
});
