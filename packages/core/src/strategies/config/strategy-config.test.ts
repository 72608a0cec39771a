import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePromptFile } from "../../prompt-files/parse-prompt-file.js";
import { thrown } from "../../testing/test-helpers.js";
import { readStrategyConfig, strategyNames } from "./strategy-config.js";

describe("readStrategyConfig", () => {
  it("reads nothing when the config declares no strategy", () => {
    expect(readStrategyConfig({ temperature: 0.2 })).toBeUndefined();
  });

  it("reads the nested form, with defaults filled in", () => {
    expect(readStrategyConfig({ strategy: { strategy: "self-consistency", samples: 7 } })).toEqual({
      strategy: "self-consistency",
      samples: 7,
    });
    expect(readStrategyConfig({ strategy: { name: "self-consistency" } })).toEqual({
      strategy: "self-consistency",
      samples: 5,
    });
    expect(readStrategyConfig({ strategy: { strategy: "tree_of_thoughts", maxDepth: 2 } })).toEqual(
      {
        strategy: "tree-of-thoughts",
        maxDepth: 2,
      },
    );
  });

  it("reads the flat form of a .prompt file's config, leaving model settings alone", () => {
    const file = parsePromptFile(
      "---\nmodel: openai/gpt-4o-mini\nconfig:\n  temperature: 0.9\n  strategy: self-consistency\n  samples: 5\n  weighting: majority\n---\nWhat is {{question}}?",
      { fileName: "math.prompt" },
    );
    expect(readStrategyConfig(file.config)).toEqual({
      strategy: "self-consistency",
      samples: 5,
      weighting: "majority",
    });
  });

  it("names the strategies when the name is unknown", () => {
    const error = thrown(() => readStrategyConfig({ strategy: "chain-of-thought" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe(
      `config.strategy names "chain-of-thought", which is not a strategy; use one of ${strategyNames.join(", ")}`,
    );
  });

  it("names the key and the rule of a bad option, in either form", () => {
    expect(
      thrown(() => readStrategyConfig({ strategy: { strategy: "self-consistency", samples: 0 } }))
        .message,
    ).toBe(
      "The self-consistency strategy config is invalid: config.strategy.samples: Too small: expected number to be >=1",
    );
    expect(thrown(() => readStrategyConfig({ strategy: "react", maxSteps: 2.5 })).message).toBe(
      "The react strategy config is invalid: config.maxSteps: Invalid input: expected int, received number",
    );
    expect(
      thrown(() =>
        readStrategyConfig({
          strategy: { strategy: "self-consistency", samples: 2, minSuccesses: 3 },
        }),
      ).message,
    ).toContain("config.strategy.minSuccesses: must be at most samples (2)");
  });

  it("lists what a strategy takes when a nested key is unknown", () => {
    expect(
      thrown(() => readStrategyConfig({ strategy: { strategy: "react", maxStep: 3 } })).message,
    ).toBe(
      'The react strategy config is invalid: config.strategy has the unknown key "maxStep"; react takes maxSteps, instructions, maxObservationCharacters',
    );
  });

  it("refuses a strategy that is neither a name nor an object, and both name and strategy", () => {
    expect(thrown(() => readStrategyConfig({ strategy: 5 })).message).toMatch(
      /^config.strategy must be a strategy name or an object/,
    );
    expect(
      thrown(() => readStrategyConfig({ strategy: { name: "react", strategy: "react" } })).message,
    ).toBe('config.strategy gives both "name" and "strategy"; keep one');
  });

  it("reads the flat and nested forms of the same options alike", () => {
    const options = fc.record(
      {
        samples: fc.integer({ min: 1, max: 100 }),
        weighting: fc.constantFrom("auto", "majority", "confidence"),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(options, (picked) => {
        const flat = readStrategyConfig({
          strategy: "self-consistency",
          temperature: 1,
          ...picked,
        });
        const nested = readStrategyConfig({
          strategy: { strategy: "self-consistency", ...picked },
        });
        expect(flat).toEqual(nested);
      }),
    );
  });
});
