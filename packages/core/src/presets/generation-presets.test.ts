import { describe, expect, it } from "vitest";
import { generationParametersSchema } from "./generation-config-schema.js";
import {
  generationPresetNames,
  generationPresets,
  isGenerationPresetName,
} from "./generation-presets.js";

describe("generationPresets", () => {
  it("has one preset per task type the issue names, under its own name", () => {
    expect([...generationPresetNames].sort()).toEqual(
      [
        "classification",
        "coding",
        "creative-writing",
        "extraction",
        "factual-qa",
        "math-reasoning",
        "summarization",
        "translation",
      ].sort(),
    );
    for (const name of generationPresetNames) {
      expect(generationPresets[name].name).toBe(name);
      expect(isGenerationPresetName(name)).toBe(true);
    }
    expect(isGenerationPresetName("toString")).toBe(false);
  });

  it("gives valid parameters, a temperature and an output ceiling, and a one-sentence hint", () => {
    for (const preset of Object.values(generationPresets)) {
      expect(generationParametersSchema.safeParse(preset.parameters).success).toBe(true);
      expect(preset.parameters.temperature).toBeTypeOf("number");
      expect(preset.parameters.maxOutputTokens).toBeGreaterThan(0);
      expect(preset.systemHint).toMatch(/^[A-Z].*\.$/);
      expect(preset.description).not.toBe("");
    }
  });

  it("never sets temperature and topP together (providers refuse or advise against both)", () => {
    for (const preset of Object.values(generationPresets)) {
      expect(
        preset.parameters.temperature !== undefined && preset.parameters.topP !== undefined,
      ).toBe(false);
    }
  });

  it("samples deterministically where one answer is right, and freely for creative writing", () => {
    for (const name of ["factual-qa", "classification", "extraction", "math-reasoning"] as const) {
      expect(generationPresets[name].parameters.temperature).toBe(0);
    }
    const creative = generationPresets["creative-writing"].parameters.temperature ?? 0;
    for (const preset of Object.values(generationPresets)) {
      expect(preset.parameters.temperature ?? 0).toBeLessThanOrEqual(creative);
    }
  });
});
