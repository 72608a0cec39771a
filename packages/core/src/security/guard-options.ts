import { z } from "zod";
import { sensitivities } from "./scan-types.js";

/**
 * Render-time defenses for untrusted variables, chosen per prompt version (in its config, under
 * `guard`) or per request. Each defense is off unless named; `true` turns it on with defaults.
 */
export const guardOptionsSchema = z
  .object({
    detect: z
      .union([
        z.boolean(),
        z
          .object({
            action: z
              .enum(["flag", "refuse"])
              .default("flag")
              .describe("flag: report findings; refuse: fail the render above the threshold"),
            sensitivity: z.enum(sensitivities).optional().describe("Default medium"),
            threshold: z
              .number()
              .min(0)
              .max(1)
              .optional()
              .describe(
                "Score at which a value is flagged (and refused); default: the sensitivity's",
              ),
          })
          .strict(),
      ])
      .optional()
      .describe("Scan untrusted values for prompt injection"),
    sanitize: z
      .union([
        z.boolean(),
        z
          .object({
            specialTokens: z.boolean().default(true),
            controlCharacters: z.boolean().default(true),
            delimiters: z.boolean().default(true),
          })
          .strict(),
      ])
      .optional()
      .describe(
        "Strip chat-template special tokens and invisible/control characters, defuse fake role headers, tags and code fences",
      ),
    wrap: z
      .boolean()
      .optional()
      .describe("Wrap untrusted values in random delimiters, explained in the system preamble"),
    hierarchy: z
      .boolean()
      .optional()
      .describe("Add a system preamble ranking instructions: system > developer > user > data"),
    canary: z
      .boolean()
      .optional()
      .describe("Put a secret canary token in the system preamble; check outputs for it"),
    untrusted: z
      .array(z.string().min(1).max(200))
      .max(100)
      .optional()
      .describe(
        'Variables to treat as untrusted, besides those marked "x-untrusted": true in the input schema',
      ),
  })
  .strict();

export type GuardOptions = z.infer<typeof guardOptionsSchema>;
/** Guard options as written (before defaults), e.g. in a version's config. */
export type GuardOptionsInput = z.input<typeof guardOptionsSchema>;
