import { z } from "zod";
import {
  engineNameSchema,
  isoTimeSchema,
  jsonObjectSchema,
  jsonSchemaSchema,
  labelNameSchema,
  paginationQuerySchema,
  promptNameSchema,
  promptTemplateSchema,
  promptTypeSchema,
} from "./common.js";

/** A prompt: the named, versioned thing. `labels` maps each label to the version it points at. */
export const promptSchema = z.object({
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  type: promptTypeSchema,
  engine: engineNameSchema,
  latestVersion: z.number().int(),
  labels: z.record(z.string(), z.number().int()),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});
export type Prompt = z.infer<typeof promptSchema>;

/** One immutable version of a prompt. */
export const versionSchema = z.object({
  prompt: z.string(),
  number: z.number().int().min(1),
  parentNumber: z.number().int().nullable(),
  type: promptTypeSchema,
  engine: engineNameSchema,
  template: promptTemplateSchema,
  inputSchema: jsonSchemaSchema.nullable(),
  outputSchema: jsonSchemaSchema.nullable(),
  config: jsonObjectSchema,
  metadata: jsonObjectSchema,
  contentHash: z.string(),
  message: z.string(),
  author: z.string(),
  createdAt: isoTimeSchema,
  labels: z.array(z.string()),
});
export type Version = z.infer<typeof versionSchema>;

const tagSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\s,]+$/, "tags hold no spaces or commas");

/** Fields of a version that a request may set. */
const versionFieldsSchema = z.object({
  template: promptTemplateSchema,
  type: promptTypeSchema.optional(),
  engine: engineNameSchema.optional(),
  inputSchema: jsonSchemaSchema.nullable().optional(),
  outputSchema: jsonSchemaSchema.nullable().optional(),
  config: jsonObjectSchema.optional(),
  metadata: jsonObjectSchema.optional(),
  message: z.string().max(2000).optional(),
  labels: z.array(labelNameSchema).optional().describe("Labels to point at the new version"),
});

/**
 * An unsaved version to run (`draft` of a run request): the fields a saved version would get.
 * Omitted fields are taken from the prompt's latest version, as saving it would do.
 */
export const versionDraftSchema = versionFieldsSchema
  .pick({
    template: true,
    type: true,
    engine: true,
    inputSchema: true,
    outputSchema: true,
    config: true,
  })
  .strict();
export type VersionDraft = z.infer<typeof versionDraftSchema>;

export const createPromptRequestSchema = versionFieldsSchema.extend({
  name: promptNameSchema,
  description: z.string().max(5000).optional(),
  tags: z.array(tagSchema).max(50).optional(),
});
export type CreatePromptRequest = z.infer<typeof createPromptRequestSchema>;

/** Omitted fields are inherited from the latest version. */
export const createVersionRequestSchema = versionFieldsSchema.extend({
  description: z.string().max(5000).optional(),
  tags: z.array(tagSchema).max(50).optional(),
});
export type CreateVersionRequest = z.infer<typeof createVersionRequestSchema>;

export const createVersionResponseSchema = z.object({
  prompt: promptSchema,
  version: versionSchema,
  created: z
    .boolean()
    .describe("false when the content equals the latest version, which is returned"),
});
export type CreateVersionResponse = z.infer<typeof createVersionResponseSchema>;

export const listPromptsQuerySchema = paginationQuerySchema.extend({
  search: z
    .string()
    .max(200)
    .optional()
    .describe("Text found in the name, description, tags or latest version's template (any case)"),
  prefix: z.string().max(200).optional().describe('Folder prefix, e.g. "support/"'),
  tag: z.string().max(64).optional(),
});
export type ListPromptsQuery = z.infer<typeof listPromptsQuerySchema>;

export const resolvedBySchema = z.enum(["label", "version", "latest-fallback", "latest"]);
export type ResolvedBy = z.infer<typeof resolvedBySchema>;

export const getPromptQuerySchema = z.object({
  label: z.string().optional(),
  version: z.coerce.number().int().min(1).optional(),
});

export const getPromptResponseSchema = z.object({
  prompt: promptSchema,
  version: versionSchema,
  label: z.string().nullable().describe("The label that was resolved, if any"),
  resolvedBy: resolvedBySchema.describe(
    '"latest-fallback" when production was asked for but the prompt has no production label',
  ),
});
export type GetPromptResponse = z.infer<typeof getPromptResponseSchema>;

export const moveLabelRequestSchema = z.object({
  version: z.number().int().min(1),
  reason: z.string().max(2000).optional(),
});

export const labelMoveSchema = z.object({
  prompt: z.string(),
  label: z.string(),
  fromVersion: z.number().int().nullable(),
  toVersion: z.number().int(),
  actor: z.string(),
  reason: z.string(),
  movedAt: isoTimeSchema,
});
export type LabelMove = z.infer<typeof labelMoveSchema>;
