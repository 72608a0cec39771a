import { describe, expect, it } from "vitest";
import { editDistance } from "../text/edit-distance.js";
import { closestName } from "./closest-name.js";
import { generationPresetNames } from "./generation-presets.js";

describe("closestName", () => {
  it.each([
    ["codng", "coding"],
    ["Coding", "coding"],
    ["factual_qa", "factual-qa"],
    ["creative writing", "creative-writing"],
    ["creative", "creative-writing"],
    ["math", "math-reasoning"],
    ["reasoning", "math-reasoning"],
    ["qa", "factual-qa"],
    ["summarisation", "summarization"],
    ["extract", "extraction"],
    ["translate", "translation"],
    ["code", "coding"],
    ["classify", "classification"],
  ])("suggests %j for %j", (typed, suggestion) => {
    expect(closestName(typed, generationPresetNames)).toBe(suggestion);
  });

  it("suggests nothing when no name stands out", () => {
    expect(closestName("poetry", generationPresetNames)).toBeUndefined();
    expect(closestName("", generationPresetNames)).toBeUndefined();
    // "c" starts coding, creative-writing and classification: no single best.
    expect(closestName("c", generationPresetNames)).toBeUndefined();
  });

  it("measures edits", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});
