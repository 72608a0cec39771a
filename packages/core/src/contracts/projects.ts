import { z } from "zod";
import { createdApiKeyResponseSchema, projectIdSchema, roleSchema } from "./access.js";
import { isoTimeSchema } from "./common.js";

/** `POST /v1/projects`: an admin of any project creates another and becomes its admin. */
export const createProjectRequestSchema = z
  .object({
    id: projectIdSchema,
    name: z.string().trim().min(1).max(200).describe('What the project is, e.g. "Support bot"'),
  })
  .strict();
export type CreateProjectRequest = z.infer<typeof createProjectRequestSchema>;

/** A project as its members see it, with the caller's role in it. */
export const projectSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema.describe("The caller's role in the project"),
  createdAt: isoTimeSchema,
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const createdProjectResponseSchema = z.object({
  project: projectSummarySchema,
  adminKey: createdApiKeyResponseSchema.describe(
    "The new project's first admin key: its secret (`key`) is shown this once",
  ),
});
export type CreatedProjectResponse = z.infer<typeof createdProjectResponseSchema>;

export const listProjectsResponseSchema = z.object({
  items: z
    .array(projectSummarySchema)
    .describe("A key's own project; a signed-in user's projects, by id"),
});
export type ListProjectsResponse = z.infer<typeof listProjectsResponseSchema>;

/** `POST /v1/me/keys`: a signed-in user's personal key (the CLI's `quire login`). */
export const createPersonalKeyRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).describe('What the key is for, e.g. "cli laptop"'),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("When the key stops working (ISO 8601, in the future); default never"),
  })
  .strict();
export type CreatePersonalKeyRequest = z.infer<typeof createPersonalKeyRequestSchema>;
