import { z } from "zod";
import { paginationQuerySchema } from "./common.js";

export const componentRequestSchema = z
  .enum(["latest", "label", "version"])
  .describe("How the template asks for the component: {{> name}}, {{> name@label}}, {{> name:3}}");

/** One component a render used (see core's `ComponentProvenance`). */
export const componentProvenanceSchema = z.object({
  name: z.string(),
  version: z.number().int().describe("The version the reference resolved to"),
  reference: z.string().describe('The reference, canonical: "support/guidelines@production"'),
  requested: componentRequestSchema,
  label: z.string().optional().describe('The label asked for, when requested is "label"'),
});

/** What a render used: the prompt's version and every component's (each reference once). */
export const renderProvenanceSchema = z
  .object({
    prompt: z.string().nullable(),
    version: z.number().int().nullable(),
    components: z.array(componentProvenanceSchema),
  })
  .describe(
    "The versions a render used: the prompt's, and each component's with how it was asked for. Rendering again with these versions reproduces the output.",
  );
export type RenderProvenanceResponse = z.infer<typeof renderProvenanceSchema>;

/** One version that includes a component (`GET /v1/prompts/{name}/used-by`). */
export const componentInclusionSchema = z.object({
  prompt: z.string().describe("The including prompt"),
  version: z.number().int().describe("The including version"),
  reference: z.string().describe('How it includes the component: "support/guidelines@production"'),
  requested: componentRequestSchema,
  label: z.string().nullable().describe('The label asked for (requested "label"), else null'),
  componentVersion: z
    .number()
    .int()
    .nullable()
    .describe('The version asked for (requested "version"), else null'),
  labels: z.array(z.string()).describe("Labels of the including prompt at this version"),
  latest: z.boolean().describe("True when this is the including prompt's latest version"),
  resolvesTo: z
    .number()
    .int()
    .nullable()
    .describe(
      "The component version the reference selects now; null when its label points nowhere",
    ),
});
export type ComponentInclusionResponse = z.infer<typeof componentInclusionSchema>;

export const usedByQuerySchema = paginationQuerySchema.extend({
  versions: z
    .enum(["current", "all"])
    .default("current")
    .describe(
      '"current": only includers\' latest and labeled versions (what renders now); "all": every version',
    ),
});
export type UsedByQuery = z.infer<typeof usedByQuerySchema>;
