import { z } from "zod";
import { scanCategories, sensitivities } from "../security/scan-types.js";
import { securityChecks } from "../security/security-scan.js";

/** Most texts one `POST /v1/security/scan` takes (the body limit bounds their total size). */
export const maximumScanTexts = 100;

const scanText = z.string().describe("Text to scan (any Unicode)");

export const securityScanRequestSchema = z
  .object({
    text: scanText.optional(),
    texts: z
      .array(scanText)
      .min(1)
      .max(maximumScanTexts)
      .optional()
      .describe(`Up to ${maximumScanTexts} texts, each scanned on its own`),
    checks: z
      .array(z.enum(securityChecks))
      .min(1)
      .optional()
      .describe(
        "What to look for (default [injection]): injection; secrets, pii and canary are output checks",
      ),
    sensitivity: z
      .enum(sensitivities)
      .optional()
      .describe("Injection flag threshold: low 0.7, medium 0.5 (default), high 0.3"),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("An explicit injection flag threshold, instead of the sensitivity's"),
    canaries: z
      .array(z.string().min(1).max(200))
      .max(20)
      .optional()
      .describe("Canary tokens to look for (the canary check needs at least one)"),
    redact: z
      .boolean()
      .optional()
      .describe("Also return each text with the output checks' findings redacted"),
  })
  .strict()
  .superRefine((request, context) => {
    if ((request.text === undefined) === (request.texts === undefined)) {
      context.addIssue({
        code: "custom",
        message: 'Send exactly one of "text" (a string) or "texts" (an array of strings)',
        path: request.text === undefined ? ["text"] : ["texts"],
      });
    }
    if (request.checks?.includes("canary") && (request.canaries ?? []).length === 0) {
      context.addIssue({
        code: "custom",
        message: 'The canary check needs the tokens to look for: add "canaries": ["…"]',
        path: ["canaries"],
      });
    }
  });
export type SecurityScanRequest = z.infer<typeof securityScanRequestSchema>;

export const scanReasonSchema = z.object({
  category: z.enum(scanCategories),
  rule: z.string(),
  evidence: z.string(),
  start: z.number().int().describe("UTF-16 offset of the evidence in the text"),
  end: z.number().int(),
  weight: z.number(),
});

export const injectionScanSchema = z.object({
  score: z.number().describe("0..1: how likely the text is a prompt injection or jailbreak"),
  flagged: z.boolean(),
  threshold: z.number(),
  reasons: z.array(scanReasonSchema).describe("Evidence, strongest first"),
});

export const outputFindingSchema = z.object({
  kind: z.enum(["secret", "pii", "canary"]),
  type: z.string().describe("e.g. aws-access-key-id, private-key, email, credit-card, iban"),
  start: z.number().int(),
  end: z.number().int(),
  preview: z.string().describe("A preview that does not repeat the secret"),
});

export const securityScanResultSchema = z.object({
  flagged: z.boolean().describe("Whether any check asked for found something"),
  injection: injectionScanSchema.optional(),
  findings: z.array(outputFindingSchema).optional(),
  redactedText: z.string().optional(),
});

export const securityScanResponseSchema = z.object({
  flagged: z.boolean().describe("Whether any text was flagged"),
  results: z.array(securityScanResultSchema).describe("One per text, in the order sent"),
});
export type SecurityScanResponse = z.infer<typeof securityScanResponseSchema>;
