import { z } from "zod";
import { isoTimeSchema } from "./common.js";

/** One write, as the audit log keeps it: who did what to which target, and the state around it. */
export const auditEntrySchema = z.object({
  id: z.string().describe("Increasing: a later write has a larger id"),
  projectId: z.string(),
  actor: z.string().describe('Who: "key:<name>" for an API key, "user:<email>" for a user'),
  action: z.string().describe('What, e.g. "label.move", "version.create", "key.revoke"'),
  target: z.string().describe('What it was done to, e.g. "support/triage@production"'),
  before: z.unknown().nullable().describe("The state before the write (null: nothing before)"),
  after: z.unknown().nullable().describe("The state after the write (null: nothing after)"),
  createdAt: isoTimeSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  action: z.string().max(100).optional().describe("Only this action"),
  actor: z.string().max(300).optional().describe("Only this actor"),
  target: z
    .string()
    .max(500)
    .optional()
    .describe('Only targets starting with this, e.g. "support/triage"'),
  since: z.iso.datetime({ offset: true }).optional().describe("Only entries at or after"),
  until: z.iso.datetime({ offset: true }).optional().describe("Only entries before"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, { message: "Invalid cursor: pass nextCursor from the previous page." })
    .optional()
    .describe("nextCursor of the previous page"),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema).describe("Newest first"),
  nextCursor: z.string().nullable().describe("Pass as cursor for older entries; null at the end"),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
