import type { Prompt } from "@quire/core";
import { describe, expect, it } from "vitest";
import { resolveVersion } from "./resolve-version.js";

function prompt(labels: Record<string, number>): Prompt {
  return {
    name: "support/triage",
    description: "",
    tags: [],
    type: "text",
    engine: "handlebars",
    latestVersion: 5,
    labels,
    createdAt: "2026-11-21T10:00:00.000Z",
    updatedAt: "2026-11-21T10:00:00.000Z",
  };
}

describe("resolveVersion", () => {
  it("defaults to the production label", () => {
    expect(resolveVersion(prompt({ production: 3 }), {})).toMatchObject({
      number: 3,
      label: "production",
      resolvedBy: "label",
    });
  });

  it("falls back to the latest version only when there is no production label", () => {
    expect(resolveVersion(prompt({ staging: 4 }), {})).toMatchObject({
      number: 5,
      label: null,
      resolvedBy: "latest-fallback",
    });
  });

  it("resolves latest, a named label and a version number", () => {
    const subject = prompt({ production: 3, staging: 4 });
    expect(resolveVersion(subject, { label: "latest" })).toMatchObject({
      number: 5,
      resolvedBy: "latest",
    });
    expect(resolveVersion(subject, { label: "staging" })).toMatchObject({
      number: 4,
      resolvedBy: "label",
    });
    expect(resolveVersion(subject, { version: 2 })).toMatchObject({
      number: 2,
      label: null,
      resolvedBy: "version",
    });
  });

  it("refuses a label that points nowhere with NOT_FOUND listing the labels", () => {
    expect(() => resolveVersion(prompt({ production: 3 }), { label: "staging" })).toThrow(
      expect.objectContaining({
        code: "NOT_FOUND",
        message: expect.stringContaining("production → 3"),
      }),
    );
    expect(() => resolveVersion(prompt({}), { label: "production" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });

  it("refuses both a label and a version, and a label that looks like a number", () => {
    expect(() => resolveVersion(prompt({}), { label: "production", version: 1 })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
    expect(() => resolveVersion(prompt({}), { label: "3" })).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        message: expect.stringContaining("version=3"),
      }),
    );
  });
});
