import { z } from "zod";
import { outputFindingSchema, scanReasonSchema } from "./security.js";

/** One untrusted variable the injection detector flagged at render time. */
export const guardFindingSchema = z.object({
  variable: z.string().describe("The variable, e.g. `ticket` or `documents[0].body`"),
  score: z.number(),
  flagged: z.boolean(),
  reasons: z.array(scanReasonSchema),
});

/** What the render-time guards did: in `/render`'s and `/run`'s answers when guards applied. */
export const renderGuardReportSchema = z.object({
  findings: z.array(guardFindingSchema).describe("Untrusted values the detector flagged"),
  guarded: z.array(z.string()).describe("Every untrusted value the guards applied to"),
  canary: z
    .string()
    .optional()
    .describe("The canary token put in the system preamble: check the model's output for it"),
});
export type RenderGuardReport = z.infer<typeof renderGuardReportSchema>;

export const runGuardReportSchema = z.object({
  findings: z.array(guardFindingSchema).describe("Untrusted values the detector flagged"),
  guarded: z.array(z.string()).describe("Every untrusted value the guards applied to"),
  outputFindings: z
    .array(outputFindingSchema)
    .describe("Leaked canaries, secrets and personal data found in the model's output"),
  redacted: z.boolean().describe("True when `output` had its findings redacted"),
});
export type RunGuardReport = z.infer<typeof runGuardReportSchema>;
