import { z } from "zod";
import { generationPresetNames } from "./generation-presets.js";
import { unknownPresetMessage } from "./unknown-preset-error.js";

/** A preset's name; anything else fails with the known names and a did-you-mean. */
export const generationPresetNameSchema = z.enum(generationPresetNames, {
  error: (issue) => unknownPresetMessage(issue.input),
});

/**
 * The generation parameters a request may override (`GenerationParameters`), with the ranges the
 * supported providers accept; a provider narrower than these (Anthropic's temperature stops at 1)
 * reports its own limit.
 */
export const generationParametersSchema = z.object({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  maxOutputTokens: z.int().positive().optional(),
  stopSequences: z.array(z.string().min(1)).optional(),
  seed: z.int().optional(),
  presencePenalty: z.number().min(-2).max(2).optional(),
  frequencyPenalty: z.number().min(-2).max(2).optional(),
});

/**
 * The generation keys of a version's `config`: `preset` (a name from `generationPresets`), the
 * parameters above, and `maxTokens`, the older spelling of `maxOutputTokens` (Quire's seeds use
 * it). Other keys (`model`, provider options) pass through untouched.
 */
export const versionGenerationConfigSchema = generationParametersSchema
  .extend({
    preset: generationPresetNameSchema.optional(),
    maxTokens: z.int().positive().optional(),
  })
  .loose();

export type VersionGenerationConfig = z.infer<typeof versionGenerationConfigSchema>;
