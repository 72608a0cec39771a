import { QuireError } from "../errors/index.js";
import type { GenerationParameters } from "../models/language-model.js";
import { generationConfigError } from "./generation-config-problems.js";
import {
  generationParametersSchema,
  type VersionGenerationConfig,
  versionGenerationConfigSchema,
} from "./generation-config-schema.js";
import { type GenerationPreset, generationPresets } from "./generation-presets.js";
import { unknownPresetError } from "./unknown-preset-error.js";

const parameterKeys = [
  "temperature",
  "topP",
  "maxOutputTokens",
  "stopSequences",
  "seed",
  "presencePenalty",
  "frequencyPenalty",
] as const satisfies readonly (keyof GenerationParameters)[];

/**
 * The generation parameters of one call: the version's preset (`config.preset`), overridden by
 * the version's own config, overridden by the request. A layer's undefined value overrides
 * nothing. Sampling is the one exception to key-by-key merging: when the version or the request
 * sets `temperature` or `topP`, the preset's sampling values are left out, because providers
 * advise setting one of the two (Anthropic refuses both) and an explicit choice should not be
 * paired with a preset's other knob. Throws VALIDATION_FAILED for an unknown preset (with the
 * known names and a did-you-mean) or a value out of range, naming the key.
 */
export function resolveGenerationParameters(
  versionConfig: Readonly<Record<string, unknown>> = {},
  requestOverrides: GenerationParameters = {},
): GenerationParameters {
  const config = parseVersionConfig(versionConfig);
  const request = generationParametersSchema.safeParse(requestOverrides);
  if (!request.success) {
    throw generationConfigError(request.error.issues, requestOverrides, "request");
  }

  const fromVersion: GenerationParameters = {
    ...pick(config),
    maxOutputTokens: config.maxOutputTokens ?? config.maxTokens,
  };
  const fromRequest = pick(request.data);
  const preset =
    config.preset === undefined ? {} : { ...generationPresets[config.preset].parameters };
  const explicitSampling = [fromVersion, fromRequest].some(
    (layer) => layer.temperature !== undefined || layer.topP !== undefined,
  );
  if (explicitSampling) {
    delete preset.temperature;
    delete preset.topP;
  }
  const result: GenerationParameters = {};
  for (const layer of [preset, fromVersion, fromRequest] as GenerationParameters[]) {
    for (const key of parameterKeys) {
      const value = layer[key];
      if (value !== undefined) (result as Record<string, unknown>)[key] = value;
    }
  }
  return result;
}

/** The preset a version's config names, or undefined when it names none. */
export function resolveGenerationPreset(
  versionConfig: Readonly<Record<string, unknown>> = {},
): GenerationPreset | undefined {
  const name = versionConfig.preset;
  if (name === undefined) return undefined;
  return getGenerationPreset(name);
}

/** A preset by name; VALIDATION_FAILED with the known names and a did-you-mean otherwise. */
export function getGenerationPreset(name: unknown): GenerationPreset {
  if (typeof name === "string" && Object.hasOwn(generationPresets, name)) {
    return generationPresets[name as keyof typeof generationPresets];
  }
  throw unknownPresetError(name);
}

function parseVersionConfig(raw: Readonly<Record<string, unknown>>): VersionGenerationConfig {
  const parsed = versionGenerationConfigSchema.safeParse(raw);
  if (!parsed.success) throw generationConfigError(parsed.error.issues, raw, "config");
  const config = parsed.data;
  if (
    config.maxTokens !== undefined &&
    config.maxOutputTokens !== undefined &&
    config.maxTokens !== config.maxOutputTokens
  ) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `config sets both maxOutputTokens (${config.maxOutputTokens}) and its older spelling maxTokens (${config.maxTokens}); keep only maxOutputTokens.`,
      {
        details: {
          key: "config.maxTokens",
          maxTokens: config.maxTokens,
          maxOutputTokens: config.maxOutputTokens,
        },
      },
    );
  }
  return config;
}

function pick(source: GenerationParameters): GenerationParameters {
  const result: GenerationParameters = {};
  for (const key of parameterKeys) {
    if (source[key] !== undefined) (result as Record<string, unknown>)[key] = source[key];
  }
  return result;
}
