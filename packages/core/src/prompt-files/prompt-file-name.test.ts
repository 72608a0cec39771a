import { describe, expect, it } from "vitest";
import { isPartialPath, partialNameFromPath, promptNameFromPath } from "./prompt-file-name.js";

describe("promptNameFromPath", () => {
  it("uses the path under the prompts folder as the name", () => {
    expect(promptNameFromPath("support/triage.prompt")).toEqual({ name: "support/triage" });
    expect(promptNameFromPath("./greet.prompt")).toEqual({ name: "greet" });
    expect(promptNameFromPath("a\\b\\c.prompt")).toEqual({ name: "a/b/c" });
  });

  it("reads name.variant.prompt as a variant", () => {
    expect(promptNameFromPath("support/triage.formal.prompt")).toEqual({
      name: "support/triage",
      variant: "formal",
    });
  });

  it("refuses partials, other extensions, two variants and bad characters", () => {
    expect(() => promptNameFromPath("common/_header.prompt")).toThrow(/is a partial/);
    expect(() => promptNameFromPath("notes.txt")).toThrow(/not a prompt file name/);
    expect(() => promptNameFromPath("a.b.c.prompt")).toThrow(/at most one/);
    expect(() => promptNameFromPath("my prompt.prompt")).toThrow(/not give a valid prompt name/);
    expect(() => promptNameFromPath("/abs/x.prompt")).toThrow(/empty path segment/);
  });
});

describe("partialNameFromPath", () => {
  it("drops the leading underscore and keeps the folder", () => {
    expect(partialNameFromPath("_header.prompt")).toEqual({ name: "header" });
    expect(partialNameFromPath("common/_footer.v2.prompt")).toEqual({
      name: "common/footer",
      variant: "v2",
    });
    expect(isPartialPath("common/_footer.prompt")).toBe(true);
    expect(isPartialPath("_dir/footer.prompt")).toBe(false);
  });

  it("refuses files that are not partials", () => {
    expect(() => partialNameFromPath("header.prompt")).toThrow(/not a partial/);
  });
});
