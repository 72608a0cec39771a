import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { versionGenerationConfigSchema } from "./generation-config-schema.js";
import { generationPresets } from "./generation-presets.js";
import {
  getGenerationPreset,
  resolveGenerationParameters,
  resolveGenerationPreset,
} from "./resolve-generation-parameters.js";

const known =
  "coding, creative-writing, factual-qa, summarization, classification, extraction, translation, math-reasoning";

describe("resolveGenerationParameters", () => {
  it("takes the preset's parameters when nothing overrides them", () => {
    expect(resolveGenerationParameters({ preset: "coding", model: "gpt-4o" })).toEqual({
      temperature: 0.2,
      maxOutputTokens: 4096,
    });
  });

  it("merges preset < version config < request, key by key", () => {
    expect(
      resolveGenerationParameters(
        { preset: "summarization", maxOutputTokens: 300, stopSequences: ["END"], seed: 7 },
        { maxOutputTokens: 200, seed: undefined, presencePenalty: 0.5 },
      ),
    ).toEqual({
      temperature: 0.3,
      maxOutputTokens: 200,
      stopSequences: ["END"],
      seed: 7,
      presencePenalty: 0.5,
    });
  });

  it("lets an explicit temperature or topP replace the preset's sampling", () => {
    expect(resolveGenerationParameters({ preset: "coding", topP: 0.9 })).toEqual({
      topP: 0.9,
      maxOutputTokens: 4096,
    });
    expect(resolveGenerationParameters({ preset: "coding" }, { temperature: 0.7 })).toEqual({
      temperature: 0.7,
      maxOutputTokens: 4096,
    });
  });

  it("works without a preset, and with nothing at all", () => {
    expect(resolveGenerationParameters({ temperature: 1 }, { topP: 0.5 })).toEqual({
      temperature: 1,
      topP: 0.5,
    });
    expect(resolveGenerationParameters()).toEqual({});
  });

  it("reads maxTokens as the older spelling of maxOutputTokens", () => {
    expect(
      resolveGenerationParameters({ model: "gpt-4o-mini", temperature: 0, maxTokens: 5 }),
    ).toEqual({
      temperature: 0,
      maxOutputTokens: 5,
    });
    expect(resolveGenerationParameters({ maxTokens: 5, maxOutputTokens: 5 })).toEqual({
      maxOutputTokens: 5,
    });
    const error = thrown(() => resolveGenerationParameters({ maxTokens: 5, maxOutputTokens: 9 }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain("keep only maxOutputTokens");
  });

  it("refuses an unknown preset, listing the known ones with a did-you-mean", () => {
    const error = thrown(() => resolveGenerationParameters({ preset: "codng" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe(
      `Unknown generation preset "codng" in config.preset (known: ${known}); did you mean "coding"?`,
    );
    expect(error.details).toEqual({
      key: "config.preset",
      value: "codng",
      known: known.split(", "),
      suggestion: "coding",
    });
    const far = thrown(() => resolveGenerationParameters({ preset: "poetry" }));
    expect(far.message).toBe(
      `Unknown generation preset "poetry" in config.preset (known: ${known}).`,
    );
    expect(thrown(() => resolveGenerationParameters({ preset: 3 })).message).toContain(
      "Unknown generation preset a number in config.preset",
    );
  });

  it("refuses out-of-range values, naming every bad key and what it must be", () => {
    const error = thrown(() =>
      resolveGenerationParameters({ temperature: 3, topP: 0, maxTokens: 1.5 }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe(
      "config.temperature must be a number from 0 to 2, got 3; config.topP must be a number above 0 and at most 1, got 0; config.maxTokens must be a whole number of tokens above 0, got 1.5.",
    );
    expect(error.details.key).toBe("config.temperature");
    const request = thrown(() =>
      resolveGenerationParameters({ preset: "coding" }, { maxOutputTokens: 0 }),
    );
    expect(request.message).toBe(
      "request.maxOutputTokens must be a whole number of tokens above 0, got 0.",
    );
  });
});

describe("versionGenerationConfigSchema", () => {
  it("keeps the config's other keys and checks the preset with the same message", () => {
    expect(
      versionGenerationConfigSchema.parse({ preset: "translation", model: "gpt-4o", topK: 3 }),
    ).toEqual({
      preset: "translation",
      model: "gpt-4o",
      topK: 3,
    });
    const result = versionGenerationConfigSchema.safeParse({ preset: "translate" });
    expect(result.error?.issues[0]?.message).toBe(
      `Unknown generation preset "translate" in config.preset (known: ${known}); did you mean "translation"?`,
    );
  });
});

describe("presets by name", () => {
  it("finds a version's preset, or none", () => {
    expect(resolveGenerationPreset({ preset: "extraction" })).toBe(generationPresets.extraction);
    expect(resolveGenerationPreset({ model: "gpt-4o" })).toBeUndefined();
    expect(getGenerationPreset("math-reasoning").systemHint).toContain("Answer:");
    expect(thrown(() => getGenerationPreset("hasOwnProperty")).code).toBe("VALIDATION_FAILED");
  });
});
