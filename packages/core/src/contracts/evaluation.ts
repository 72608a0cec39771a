import { z } from "zod";
import { assertionSpecSchema } from "../evaluation/assertion-spec.js";
import { testCaseSchema } from "../evaluation/test-case.js";
import { generationParametersSchema } from "../presets/generation-config-schema.js";
import { promptNameProblem } from "../prompts/prompt-name.js";
import { isoTimeSchema } from "./common.js";

/** Most cases one request adds or replaces (an import of a bigger file: split it). */
export const maximumCasesPerRequest = 10_000;

export const datasetNameSchema = z
  .string()
  .superRefine((name, context) => {
    const problem = promptNameProblem(name);
    if (problem !== undefined) {
      context.addIssue({
        code: "custom",
        message: `Invalid dataset name: it ${problem}. Use segments of letters, digits, "-", "_" and "." separated by "/".`,
      });
    }
  })
  .describe('Path-like dataset name, e.g. "support/smoke"; percent-encoded in URLs');

export const datasetFormatSchema = z.enum(["csv", "json", "jsonl"]);

export const datasetSchema = z.object({
  name: z.string(),
  description: z.string(),
  caseCount: z.number().int(),
  createdBy: z.string(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
});
export type Dataset = z.infer<typeof datasetSchema>;

/** A case as the API answers it: a test case with its 1-based place in the dataset. */
export const datasetCaseSchema = testCaseSchema.extend({ position: z.number().int() });
export type DatasetCase = z.infer<typeof datasetCaseSchema>;

const casesSchema = z.array(testCaseSchema).max(maximumCasesPerRequest);

export const createDatasetRequestSchema = z.object({
  name: datasetNameSchema,
  description: z.string().max(10_000).optional(),
  cases: casesSchema.optional(),
});
export type CreateDatasetRequest = z.input<typeof createDatasetRequestSchema>;

export const updateDatasetRequestSchema = z.object({ description: z.string().max(10_000) });
export type UpdateDatasetRequest = z.infer<typeof updateDatasetRequestSchema>;

export const casesRequestSchema = z.object({ cases: casesSchema });
export type CasesRequest = z.input<typeof casesRequestSchema>;

export const casesResponseSchema = z.object({ items: z.array(datasetCaseSchema) });
export type CasesResponse = z.infer<typeof casesResponseSchema>;

export const caseFromExecutionRequestSchema = z.object({
  executionId: z.string().min(1).max(200),
  caseId: z.string().min(1).max(200).optional().describe("Default: the execution's id"),
});
export type CaseFromExecutionRequest = z.infer<typeof caseFromExecutionRequestSchema>;

export const datasetFormatQuerySchema = z.object({
  format: datasetFormatSchema.describe("csv, json (an array of cases) or jsonl (one case a line)"),
});

export const importDatasetResponseSchema = z.object({
  dataset: z.string(),
  imported: z.number().int(),
  caseCount: z.number().int(),
});
export type ImportDatasetResponse = z.infer<typeof importDatasetResponseSchema>;

export const evalRunStatusSchema = z.enum([
  "queued",
  "running",
  "completed",
  "cancelled",
  "failed",
]);
export type EvalRunStatus = z.infer<typeof evalRunStatusSchema>;

export const createEvalRunRequestSchema = z.object({
  prompts: z
    .array(z.string().min(1).max(300))
    .min(1)
    .max(20)
    .describe(
      'Registry prompts: "name@label", "name:version", or a bare name (its latest version)',
    ),
  models: z.array(z.string().min(1).max(200)).min(1).max(20).describe('"provider/model" ids'),
  dataset: datasetNameSchema,
  assertions: z
    .array(assertionSpecSchema)
    .max(100)
    .optional()
    .describe("Applied to every case before the case's own"),
  repeat: z.number().int().min(1).max(100).default(1),
  concurrency: z.number().int().min(1).max(64).default(4),
  params: generationParametersSchema.optional().describe("Over every prompt's and model's"),
  cache: z.boolean().default(true).describe("Provider calls through the response cache"),
  judge: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The "provider/model" that grades llm-rubric and factuality assertions naming none'),
  judgePrompts: z
    .object({
      llmRubric: z.string().min(1).max(300).optional(),
      factuality: z.string().min(1).max(300).optional(),
    })
    .optional()
    .describe(
      'Registry prompts ("name@label", "name:version") whose text templates replace the built-in judge prompts; pinned when the run starts',
    ),
});
export type CreateEvalRunRequest = z.input<typeof createEvalRunRequestSchema>;

/** One prompt of a run as resolved when it was created: the version is pinned. */
export const evalRunPromptSchema = z.object({
  reference: z.string().describe("As given"),
  name: z.string(),
  version: z.number().int(),
  id: z.string().describe('"name:version": what results and comparisons are keyed on'),
});

export const evalRunPlanSchema = z.object({
  prompts: z.array(evalRunPromptSchema),
  models: z.array(z.string()),
  dataset: z.string(),
  assertions: z.array(assertionSpecSchema),
  repeat: z.number().int(),
  concurrency: z.number().int(),
  params: z.record(z.string(), z.unknown()).optional(),
  cache: z.boolean(),
  judge: z.string().optional(),
  judgePrompts: z
    .object({
      llmRubric: evalRunPromptSchema.extend({ template: z.string() }).optional(),
      factuality: evalRunPromptSchema.extend({ template: z.string() }).optional(),
    })
    .optional(),
});
export type EvalRunPlan = z.infer<typeof evalRunPlanSchema>;

export const evalRunProgressSchema = z.object({
  total: z.number().int(),
  done: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errored: z.number().int(),
});
export type EvalRunProgress = z.infer<typeof evalRunProgressSchema>;

const intervalSchema = z.object({
  value: z.number(),
  low: z.number(),
  high: z.number(),
  level: z.number(),
});

export const evalSummarySchema = z.object({
  promptId: z.string(),
  modelId: z.string(),
  cells: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errored: z.number().int(),
  passRate: intervalSchema.nullable(),
  meanScore: intervalSchema.nullable(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number().nullable(),
});

export const evalRunSchema = z.object({
  id: z.string(),
  status: evalRunStatusSchema,
  plan: evalRunPlanSchema,
  caseCount: z.number().int().describe("Cases in the run's snapshot of the dataset"),
  progress: evalRunProgressSchema,
  summaries: z.array(evalSummarySchema).nullable().describe("Per prompt × model, once finished"),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdBy: z.string(),
  createdAt: isoTimeSchema,
  startedAt: isoTimeSchema.nullable(),
  finishedAt: isoTimeSchema.nullable(),
});
export type EvalRun = z.infer<typeof evalRunSchema>;

export const listEvalRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  status: evalRunStatusSchema.optional(),
});

const assertionResultSchema: z.ZodType<unknown> = z.record(z.string(), z.unknown());

export const evalResultSchema = z.object({
  promptId: z.string(),
  modelId: z.string(),
  caseId: z.string(),
  repeatIndex: z.number().int(),
  status: z.enum(["passed", "failed", "errored"]),
  output: z.string(),
  score: z.number(),
  assertions: z.array(assertionResultSchema),
  latencyMs: z.number(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedInputTokens: z.number().int(),
  costUsd: z.number().nullable(),
  cacheHit: z.boolean(),
  error: z.object({ class: z.string(), message: z.string() }).optional(),
  provenance: z.unknown().optional(),
  finishedAt: isoTimeSchema,
});
export type EvalResult = z.infer<typeof evalResultSchema>;

export const compareEvalRunsQuerySchema = z.object({
  baseline: z.string().min(1).max(200),
  candidate: z.string().min(1).max(200),
  pairBy: z.enum(["case-and-model", "case-and-prompt", "case"]).optional(),
  alpha: z.coerce.number().gt(0).lt(1).optional(),
});

const pairedTestSchema = z.object({
  test: z.string(),
  pValue: z.number(),
  significant: z.boolean(),
  alpha: z.number(),
});

const caseChangeSchema = z.object({
  caseId: z.string(),
  promptId: z.string(),
  modelId: z.string(),
  baseline: z.object({ status: z.string(), score: z.number() }),
  candidate: z.object({ status: z.string(), score: z.number() }),
});

export const evalRunComparisonSchema = z.object({
  baseline: z.string(),
  candidate: z.string(),
  paired: z.number().int(),
  regressed: z.array(caseChangeSchema),
  improved: z.array(caseChangeSchema),
  baselinePassRate: z.number().nullable(),
  candidatePassRate: z.number().nullable(),
  passRateTest: pairedTestSchema,
  scoreTest: pairedTestSchema.nullable(),
});
export type EvalRunComparison = z.infer<typeof evalRunComparisonSchema>;

/** `progress` events of `GET /v1/eval-runs/{id}/events`; the stream ends with `done` (the run). */
export const evalRunProgressEventSchema = z.object({
  id: z.string(),
  status: evalRunStatusSchema,
  progress: evalRunProgressSchema,
});
export type EvalRunProgressEvent = z.infer<typeof evalRunProgressEventSchema>;
