import { z } from "zod";
import { engineNames, promptTypes } from "../prompts/prompt-content.js";
import { labelNameProblem, promptNameProblem } from "../prompts/prompt-name.js";

export const promptNameSchema = z
  .string()
  .superRefine((name, context) => {
    const problem = promptNameProblem(name);
    if (problem !== undefined) {
      context.addIssue({
        code: "custom",
        message: `Invalid prompt name: it ${problem}. Use segments of letters, digits, "-", "_" and "." separated by "/".`,
      });
    }
  })
  .describe('Path-like prompt name, e.g. "support/triage"');

export const labelNameSchema = z.string().superRefine((label, context) => {
  const problem = labelNameProblem(label);
  if (problem !== undefined)
    context.addIssue({ code: "custom", message: `Invalid label: it ${problem}.` });
});

export const engineNameSchema = z.enum(engineNames);
export const promptTypeSchema = z.enum(promptTypes);
export const jsonSchemaSchema = z
  .record(z.string(), z.unknown())
  .describe("A JSON Schema object (or Dotprompt Picoschema)");
export const jsonObjectSchema = z.record(z.string(), z.unknown());

export const messageTemplateSchema = z.object({
  role: z.string().min(1),
  content: z.string(),
});

export const promptTemplateSchema = z.union([z.string(), z.array(messageTemplateSchema).min(1)]);

export const isoTimeSchema = z.string().describe("ISO 8601 time in UTC");

export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
