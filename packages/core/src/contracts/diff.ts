import { z } from "zod";

export const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

export const lineChangeSchema = z.object({
  kind: z.enum(["added", "removed", "unchanged"]),
  text: z.string(),
  fromLine: z.number().int().nullable(),
  toLine: z.number().int().nullable(),
});

export const fieldChangeSchema = z.object({
  path: z.string().describe('JSON-pointer-like path, e.g. "config/temperature"'),
  kind: z.enum(["added", "removed", "changed"]),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const versionDiffSchema = z.object({
  prompt: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  template: z.object({
    unified: z.string(),
    lines: z.array(lineChangeSchema),
    added: z.number().int(),
    removed: z.number().int(),
  }),
  fields: z.array(fieldChangeSchema),
});
export type VersionDiff = z.infer<typeof versionDiffSchema>;
