import { z } from "zod";
import { isoTimeSchema } from "./common.js";
import type { LabelMove } from "./prompt.js";

/**
 * Roles per project, each allowing what the ones before it allow:
 * viewer (read, render) < editor (create prompts and versions, run, ingest executions)
 * < publisher (move labels, protected ones included) < admin (members, keys, settings, cache).
 */
export const roles = ["viewer", "editor", "publisher", "admin"] as const;
export const roleSchema = z.enum(roles).describe("viewer < editor < publisher < admin");
export type Role = z.infer<typeof roleSchema>;

/**
 * The scopes of the first API keys, kept as shorthands: read = viewer, write = editor,
 * admin = admin. Publisher has no scope shorthand (a key made with `write` cannot move a
 * protected label).
 */
export const apiKeyScopes = ["read", "write", "admin"] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

const roleRank: Record<Role, number> = { viewer: 0, editor: 1, publisher: 2, admin: 3 };

/** True when `role` allows at least what `needed` allows. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return roleRank[role] >= roleRank[needed];
}

export function roleOfScope(scope: ApiKeyScope): Role {
  return scope === "read" ? "viewer" : scope === "write" ? "editor" : "admin";
}

/** The scope column kept beside the role: publisher keys are `write`. */
export function scopeOfRole(role: Role): ApiKeyScope {
  return role === "viewer" ? "read" : role === "admin" ? "admin" : "write";
}

export const projectIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
    message:
      'Invalid project id: use 1–63 lowercase letters, digits, "-" and "_", starting with a letter or digit.',
  })
  .describe('Project id, e.g. "default"');

export const createApiKeyRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).describe('What the key is for, e.g. "ci-deploy"'),
    role: roleSchema.optional().describe("The key's role (default viewer)"),
    scope: apiKeyScopeSchema
      .optional()
      .describe("Shorthand for a role: read = viewer, write = editor, admin = admin"),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("When the key stops working (ISO 8601, in the future); default never"),
  })
  .strict()
  .refine((body) => body.role === undefined || body.scope === undefined, {
    message: "Give either role or scope, not both.",
    path: ["scope"],
  });
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the key, to recognise it; not a secret"),
  role: roleSchema,
  scope: apiKeyScopeSchema.describe("The role as a scope (publisher is write)"),
  createdAt: isoTimeSchema,
  createdBy: z.string().nullable(),
  expiresAt: isoTimeSchema.nullable(),
  revokedAt: isoTimeSchema.nullable(),
  lastUsedAt: isoTimeSchema
    .nullable()
    .describe("Last authenticated request, written in batches (up to a minute late)"),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createdApiKeyResponseSchema = apiKeySchema.extend({
  key: z.string().describe("The secret key: shown this once, stored only as its SHA-256"),
});
export type CreatedApiKeyResponse = z.infer<typeof createdApiKeyResponseSchema>;

export const listApiKeysResponseSchema = z.object({
  items: z.array(apiKeySchema).describe("The project's keys, newest first, revoked ones included"),
});
export type ListApiKeysResponse = z.infer<typeof listApiKeysResponseSchema>;

export const apiKeyIdParametersSchema = z.object({ id: z.string().min(1).max(100) });

export const projectSettingsSchema = z.object({
  projectId: z.string(),
  name: z.string(),
  protectedLabels: z
    .array(z.string())
    .describe("Labels whose move needs the publisher role (default production)"),
  twoPersonRule: z
    .boolean()
    .describe("Moving a protected label makes a change request another publisher approves"),
  allowJavaScriptAssertions: z
    .boolean()
    // An older server does not send it: its eval runs never ran javascript assertions.
    .default(false)
    .describe(
      "The server's eval runs may run `javascript` assertions (user code, in a sandboxed worker with a time limit); when false they error with a reason. Default false",
    ),
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

export const updateProjectSettingsRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    protectedLabels: z
      .array(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: "Invalid label name." }),
      )
      .max(50)
      .optional(),
    twoPersonRule: z.boolean().optional(),
    allowJavaScriptAssertions: z.boolean().optional(),
  })
  .strict();
export type UpdateProjectSettingsRequest = z.infer<typeof updateProjectSettingsRequestSchema>;

export const changeRequestSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  prompt: z.string(),
  label: z.string(),
  fromVersion: z.number().int().nullable().describe("Where the label pointed when asked"),
  toVersion: z.number().int(),
  reason: z.string(),
  author: z.string().describe("Who asked (`key:<name>` or `user:<email>`)"),
  status: z.enum(["open", "approved", "rejected"]),
  decidedBy: z.string().nullable(),
  createdAt: isoTimeSchema,
  decidedAt: isoTimeSchema.nullable(),
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

/**
 * What `PUT /v1/prompts/{name}/labels/{label}` did: moved the label (200), or, under the
 * two-person rule for a protected label, opened a change request another publisher approves (202).
 */
export type LabelMoveOutcome =
  | { status: "moved"; move: LabelMove }
  | { status: "pending-approval"; changeRequest: ChangeRequest };
