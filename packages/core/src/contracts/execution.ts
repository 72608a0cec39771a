import { z } from "zod";
import {
  errorResponseSchema,
  isoTimeSchema,
  paginationQuerySchema,
  promptNameSchema,
} from "./common.js";

/** Most records one `POST /v1/executions` accepts; more is refused whole with 413. */
export const maximumExecutionBatchSize = 1_000;
/** How far in the future a record's `createdAt` may be (clock skew), in milliseconds. */
export const maximumExecutionClockSkewMs = 24 * 60 * 60 * 1_000;

const containsNul = (text: string) => text.includes("\u0000");
const nulMessage = "must not contain NUL characters (\\u0000)";

/** Text the database can store: bounded, no NUL characters. */
function storableText(maximumLength: number) {
  return z
    .string()
    .max(maximumLength)
    .refine((text) => !containsNul(text), nulMessage);
}

/** A JSON object the database can store as jsonb (no NUL characters anywhere inside). */
const storableObjectSchema = z
  .record(z.string(), z.unknown())
  .refine(
    (value) => !JSON.stringify(value).includes("\\u0000"),
    `${nulMessage} in any key or value`,
  );

/**
 * Most bytes (UTF-8) of an execution's output text, and of its variables as JSON, that the log
 * keeps; longer content is cut and the execution's `contentTruncated` says so.
 */
export const maximumExecutionContentBytes = 64 * 1024;

/** PostgreSQL's `integer`. */
const largestInteger = 2_147_483_647;
const tokenCountSchema = z.number().int().min(0).max(largestInteger);
const millisecondsSchema = z
  .number()
  .min(0)
  .max(86_400_000 * 7);

/** A component a render included, and the version of it that was used (provenance). */
export const componentVersionSchema = z.object({
  name: promptNameSchema,
  version: z.number().int().min(1).max(largestInteger),
  reference: storableText(500)
    .optional()
    .describe('How the template asked for it, e.g. "support/guidelines@production"'),
});
export type ComponentVersion = z.infer<typeof componentVersionSchema>;

const createdAtInputSchema = z.iso
  .datetime({ offset: true })
  .refine(
    // An unparseable time is reported once, by the format check.
    (time) => !(Date.parse(time) > Date.now() + maximumExecutionClockSkewMs),
    "is more than 24 hours in the future; send the time the prompt was used",
  )
  .describe("When the prompt was used (ISO 8601); default: when the server stores the record");

/**
 * One execution record as an application sends it (and as the run path logs it). Only
 * `promptName`, `model` and `success` are required; a missing or null field is stored as
 * unknown (null), except the flags, which default to false, and the lists and metadata, which
 * default to empty.
 */
export const newExecutionSchema = z.object({
  clientId: storableText(200)
    .min(1)
    .nullish()
    .describe(
      "Your id for this record: a record whose clientId is already stored is not stored again (idempotent retries)",
    ),
  promptName: promptNameSchema,
  version: z
    .number()
    .int()
    .min(1)
    .max(largestInteger)
    .nullish()
    .describe("The prompt version used"),
  label: storableText(200).nullish().describe("The label the version was resolved by, if any"),
  componentVersions: z
    .array(componentVersionSchema)
    .max(200)
    .nullish()
    .describe("Components included in the render, with the version of each (provenance)"),
  model: storableText(200).min(1),
  provider: storableText(200).nullish(),
  inputTokens: tokenCountSchema.nullish(),
  outputTokens: tokenCountSchema.nullish(),
  cachedTokens: tokenCountSchema
    .nullish()
    .describe("Input tokens the provider served from its cache"),
  latencyMs: millisecondsSchema.nullish(),
  timeToFirstTokenMs: millisecondsSchema.nullish(),
  cost: z.number().min(0).max(1e9).nullish().describe("Cost in US dollars"),
  costEstimated: z
    .boolean()
    .nullish()
    .describe("true when the cost is Quire's estimate rather than computed from reported usage"),
  success: z.boolean(),
  errorClass: storableText(100)
    .nullish()
    .describe(
      "Why it failed: auth, rate-limit, timeout, context-too-long, content-filtered, provider-error, malformed-response, unavailable, or your own class",
    ),
  cacheHit: z.boolean().nullish(),
  contextSignature: storableText(128)
    .nullish()
    .describe("contextSignature() of the variable names and chosen context fields"),
  endUserId: storableText(200).nullish(),
  sessionId: storableText(200).nullish(),
  metadata: storableObjectSchema.nullish(),
  variables: storableObjectSchema
    .nullish()
    .describe(
      `The variables the prompt was rendered with; kept up to ${maximumExecutionContentBytes / 1024} KB of JSON (longer string values are cut, and contentTruncated is set). Not stored when the server's [executions] storeContent is false`,
    ),
  output: z
    .string()
    .refine((text) => !containsNul(text), nulMessage)
    .nullish()
    .describe(
      `The answer's text; kept up to ${maximumExecutionContentBytes / 1024} KB (the rest is cut, and contentTruncated is set). Not stored when the server's [executions] storeContent is false`,
    ),
  createdAt: createdAtInputSchema.nullish(),
});
export type NewExecution = z.input<typeof newExecutionSchema>;

export const ingestExecutionsRequestSchema = z.object({
  executions: z
    .array(newExecutionSchema)
    .max(maximumExecutionBatchSize)
    .describe(
      `Up to ${maximumExecutionBatchSize} records; each is validated on its own (bad ones are reported by index, the others stored)`,
    ),
});
export type IngestExecutionsRequest = z.infer<typeof ingestExecutionsRequestSchema>;

const indexedIdSchema = z.object({
  index: z.number().int().min(0).describe("Position of the record in the request"),
  id: z.string().describe("The execution's id"),
});

/**
 * The outcome of each record of a batch, by its index in the request: every index appears in
 * exactly one of the three lists.
 */
export const ingestExecutionsResponseSchema = z.object({
  accepted: z.array(indexedIdSchema).describe("Records stored now"),
  duplicates: z
    .array(indexedIdSchema)
    .describe(
      "Records whose clientId was already stored (or repeated in this batch): not stored again; id is the stored execution's",
    ),
  rejected: z
    .array(
      z.object({
        index: z.number().int().min(0),
        error: errorResponseSchema.shape.error,
      }),
    )
    .describe("Invalid records, with the reason; nothing of them was stored"),
});
export type IngestExecutionsResponse = z.infer<typeof ingestExecutionsResponseSchema>;

/** A stored execution. */
export const executionSchema = z.object({
  id: z.string(),
  clientId: z.string().nullable(),
  promptName: z.string(),
  version: z.number().int().nullable(),
  label: z.string().nullable(),
  componentVersions: z.array(componentVersionSchema),
  model: z.string(),
  provider: z.string().nullable(),
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  cachedTokens: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  timeToFirstTokenMs: z.number().nullable(),
  cost: z.number().nullable(),
  costEstimated: z.boolean(),
  success: z.boolean(),
  errorClass: z.string().nullable(),
  cacheHit: z.boolean(),
  contextSignature: z.string().nullable(),
  endUserId: z.string().nullable(),
  sessionId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  // The three content fields default for answers of servers older than the execution content
  // (migration 0010), so a newer client still reads their executions.
  variables: z
    .record(z.string(), z.unknown())
    .nullable()
    .default(null)
    .describe(
      "The variables the run was given (as sent: before defaults); null when not logged (content logging off, or a record without them)",
    ),
  output: z
    .string()
    .nullable()
    .default(null)
    .describe(
      "The answer's text (redacted when the run redacted its output); null for a failed run or when not logged",
    ),
  contentTruncated: z
    .boolean()
    .default(false)
    .describe(
      `True when variables or output were cut to fit ${maximumExecutionContentBytes / 1024} KB each`,
    ),
  createdAt: isoTimeSchema,
});
export type Execution = z.infer<typeof executionSchema>;

export const executionFeedbackRequestSchema = z.object({
  score: z.number().min(-1e6).max(1e6).describe("Your scale, e.g. 0–1, 1–5 or -1/+1"),
  comment: storableText(10_000).optional(),
});
export type ExecutionFeedbackRequest = z.infer<typeof executionFeedbackRequestSchema>;

export const executionFeedbackSchema = z.object({
  id: z.string(),
  executionId: z.string(),
  score: z.number(),
  comment: z.string(),
  author: z.string().describe("Name of the API key that sent it"),
  createdAt: isoTimeSchema,
});
export type ExecutionFeedback = z.infer<typeof executionFeedbackSchema>;

export const executionWithFeedbackSchema = executionSchema.extend({
  feedback: z.array(executionFeedbackSchema).describe("Oldest first"),
});
export type ExecutionWithFeedback = z.infer<typeof executionWithFeedbackSchema>;

const booleanQuerySchema = z.enum(["true", "false"]).transform((value) => value === "true");

const timeQuerySchema = z.iso.datetime({ offset: true });

/** Filters of `GET /v1/executions`; newest first, keyset-paginated on (createdAt, id). */
export const listExecutionsQuerySchema = paginationQuerySchema.extend({
  prompt: promptNameSchema.optional().describe("Only executions of this prompt"),
  version: z.coerce.number().int().min(1).optional().describe("Only this version (with prompt)"),
  model: z.string().max(200).optional(),
  success: booleanQuerySchema.optional().describe('"true" or "false"'),
  from: timeQuerySchema.optional().describe("Created at or after this time (ISO 8601)"),
  to: timeQuerySchema.optional().describe("Created before this time (ISO 8601)"),
  content: booleanQuerySchema
    .optional()
    .describe(
      '"false": leave each execution\'s variables and output out (null), for a light listing (a page of 500 with content can reach tens of MB); default "true"',
    ),
});
export type ListExecutionsQuery = z.infer<typeof listExecutionsQuerySchema>;
