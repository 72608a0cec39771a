import { z } from "zod";
import { modelFormats } from "../model-formats/model-format-facts.js";
import { guardOptionsSchema } from "../security/guard-options.js";
import { renderProvenanceSchema } from "./components.js";
import { renderGuardReportSchema } from "./guard-report.js";
import { resolvedBySchema } from "./prompt.js";

/** Short names a request may use for the model formats. */
export const renderFormatAliases = {
  openai: "openai-chat",
  anthropic: "anthropic-messages",
  gemini: "gemini-contents",
} as const;

export const renderFormatSchema = z
  .enum([
    ...(Object.keys(renderFormatAliases) as (keyof typeof renderFormatAliases)[]),
    ...modelFormats,
  ])
  .describe(
    "Also answer the rendered prompt as a provider's payload: openai (chat completions messages), anthropic (Messages: system apart, alternating turns), gemini (contents with systemInstruction), chatml or llama3 (one text). A text prompt is one user message.",
  );
export type RenderFormat = z.infer<typeof renderFormatSchema>;

const modelNameSchema = z
  .string()
  .min(1)
  .max(200)
  .describe(
    "Also count the rendered prompt's tokens for this model: exact for OpenAI encodings, an estimate (estimate: true) for other families",
  );

export const renderRequestSchema = z.object({
  label: z.string().optional(),
  version: z.number().int().min(1).optional(),
  variables: z.record(z.string(), z.unknown()).default({}),
  strict: z.boolean().optional().describe("Refuse variables the input schema does not declare"),
  format: renderFormatSchema.optional(),
  model: modelNameSchema.optional(),
  guard: guardOptionsSchema
    .optional()
    .describe("Render-time defenses for untrusted variables; replaces the version's config.guard"),
});
export type RenderRequest = z.infer<typeof renderRequestSchema>;

/** `?format=` and `?model=` on the render route (the same as the body fields). */
export const renderQuerySchema = z.object({
  format: renderFormatSchema.optional(),
  model: modelNameSchema.optional(),
});
export type RenderQuery = z.infer<typeof renderQuerySchema>;

export const renderedMessageSchema = z.object({
  role: z.string(),
  content: z.array(z.record(z.string(), z.unknown())),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export const renderTokensSchema = z.object({
  model: z.string(),
  count: z.number().int().describe("Tokens of the rendered prompt (chat framing included)"),
  estimate: z
    .boolean()
    .describe("True when the model's own tokenizer is not shipped and the count is an estimate"),
  encoding: z.string().describe("The encoding that counted (or that the estimate is scaled from)"),
  contextWindow: z
    .number()
    .int()
    .nullable()
    .describe("The model's context window from the model table; null for an unknown model"),
});
export type RenderTokens = z.infer<typeof renderTokensSchema>;

export const renderResponseSchema = z.object({
  prompt: z.string(),
  version: z.number().int(),
  label: z.string().nullable(),
  resolvedBy: resolvedBySchema,
  text: z.string().optional(),
  messages: z.array(renderedMessageSchema).optional(),
  variables: z
    .record(z.string(), z.unknown())
    .describe("The variables after defaults were applied"),
  provenance: renderProvenanceSchema,
  format: z.enum(modelFormats).optional().describe("The model format of `formatted`"),
  formatted: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "The provider payload: {messages} (openai-chat), {system?, messages} (anthropic-messages), {systemInstruction?, contents} (gemini-contents), {text} (chatml, llama3)",
    ),
  tokens: renderTokensSchema.optional(),
  guard: renderGuardReportSchema
    .optional()
    .describe("What the guards found and guarded; only when guards were requested or configured"),
});
export type RenderResponse = z.infer<typeof renderResponseSchema>;
