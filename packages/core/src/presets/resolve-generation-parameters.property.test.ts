import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GenerationParameters } from "../models/language-model.js";
import { generationPresetNames, generationPresets } from "./generation-presets.js";
import { resolveGenerationParameters } from "./resolve-generation-parameters.js";

const parameters: fc.Arbitrary<GenerationParameters> = fc.record(
  {
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    topP: fc.double({ min: 0.01, max: 1, noNaN: true }),
    maxOutputTokens: fc.integer({ min: 1, max: 100_000 }),
    stopSequences: fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }),
    seed: fc.integer(),
    presencePenalty: fc.double({ min: -2, max: 2, noNaN: true }),
    frequencyPenalty: fc.double({ min: -2, max: 2, noNaN: true }),
  },
  { requiredKeys: [] },
);

describe("resolveGenerationParameters properties", () => {
  it("takes each key from the request, else the version, else the preset", () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...generationPresetNames), { nil: undefined }),
        parameters,
        parameters,
        (preset, version, request) => {
          const result = resolveGenerationParameters(
            { ...version, ...(preset === undefined ? {} : { preset }), model: "any" },
            request,
          );
          const fromPreset: GenerationParameters =
            preset === undefined ? {} : generationPresets[preset].parameters;
          const explicitSampling = [version, request].some(
            (layer) => layer.temperature !== undefined || layer.topP !== undefined,
          );
          const keys = new Set([
            ...Object.keys(fromPreset),
            ...Object.keys(version),
            ...Object.keys(request),
          ]);
          const expected: Record<string, unknown> = {};
          for (const key of keys as Set<keyof GenerationParameters>) {
            const sampling = key === "temperature" || key === "topP";
            const value =
              request[key] ??
              version[key] ??
              (sampling && explicitSampling ? undefined : fromPreset[key]);
            if (value !== undefined) expected[key] = value;
          }
          expect(result).toEqual(expected);
        },
      ),
    );
  });
});
