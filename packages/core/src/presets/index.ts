export {
  generationParametersSchema,
  generationPresetNameSchema,
  type VersionGenerationConfig,
  versionGenerationConfigSchema,
} from "./generation-config-schema.js";
export {
  type GenerationPreset,
  type GenerationPresetName,
  generationPresetNames,
  generationPresets,
  isGenerationPresetName,
} from "./generation-presets.js";
export {
  getGenerationPreset,
  resolveGenerationParameters,
  resolveGenerationPreset,
} from "./resolve-generation-parameters.js";
