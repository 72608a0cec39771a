import { z } from "zod";
import { resolvedBySchema } from "./prompt.js";

export const renderRequestSchema = z.object({
  label: z.string().optional(),
  version: z.number().int().min(1).optional(),
  variables: z.record(z.string(), z.unknown()).default({}),
  strict: z.boolean().optional().describe("Refuse variables the input schema does not declare"),
});
export type RenderRequest = z.infer<typeof renderRequestSchema>;

export const renderedMessageSchema = z.object({
  role: z.string(),
  content: z.array(z.record(z.string(), z.unknown())),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

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
});
export type RenderResponse = z.infer<typeof renderResponseSchema>;
