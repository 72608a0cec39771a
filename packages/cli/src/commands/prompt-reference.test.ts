import { labelNameProblem, promptNameProblem } from "@quire/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { UsageError } from "../usage-error.js";
import { parsePromptReference, parseVersionArgument } from "./prompt-reference.js";

const segment = fc
  .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}$/)
  .filter((text) => text !== "." && text !== "..");
const promptName = fc
  .array(segment, { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join("/"))
  .filter((name) => promptNameProblem(name) === undefined);
const label = fc
  .stringMatching(/^[a-z][a-z0-9_.-]{0,20}$/)
  .filter((text) => labelNameProblem(text) === undefined);

describe("parsePromptReference", () => {
  test("NAME, NAME@LABEL and NAME:VERSION round-trip for every valid name", () => {
    fc.assert(
      fc.property(
        promptName,
        label,
        fc.integer({ min: 1, max: 1_000_000 }),
        (name, labelName, version) => {
          expect(parsePromptReference(name)).toEqual({ name });
          expect(parsePromptReference(`${name}@${labelName}`)).toEqual({ name, label: labelName });
          expect(parsePromptReference(`${name}:${version}`)).toEqual({ name, version });
        },
      ),
    );
  });

  test("a version that is not a positive whole number, or a missing part, is a usage error", () => {
    expect(() => parsePromptReference("a/b:x")).toThrow(UsageError);
    expect(() => parsePromptReference("a/b:0")).toThrow(
      'the version after ":" must be a positive whole number, got "0"',
    );
    expect(() => parsePromptReference("a/b@")).toThrow('has no label after "@"');
    expect(() => parsePromptReference("@production")).toThrow("has no prompt name");
  });
});

describe("parseVersionArgument", () => {
  test("numbers, labels and latest", () => {
    const labels = { production: 2, staging: 3 };
    expect(parseVersionArgument("5", labels, 7, "p")).toBe(5);
    expect(parseVersionArgument("staging", labels, 7, "p")).toBe(3);
    expect(parseVersionArgument("latest", labels, 7, "p")).toBe(7);
    expect(() => parseVersionArgument("canary", labels, 7, "p")).toThrow(
      '"canary" is neither a version number nor a label of p (labels: production, staging; "latest" is v7)',
    );
  });
});
