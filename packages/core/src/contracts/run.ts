import { z } from "zod";
import { modelErrorClasses } from "../models/model-error.js";
import { generationParametersSchema } from "../presets/generation-config-schema.js";
import { guardOptionsSchema } from "../security/guard-options.js";
import { errorResponseSchema } from "./common.js";
import { renderProvenanceSchema } from "./components.js";
import { runGuardReportSchema } from "./guard-report.js";
import { resolvedBySchema, versionDraftSchema } from "./prompt.js";
import {
  continuationMessageSchema,
  maximumContinuationMessages,
  runContinuationSchema,
} from "./run-continuation.js";

/** Most models in a fallback chain after the first. */
export const maximumFallbackModels = 5;

const noNul = (text: string) => !text.includes("\u0000");
const nulMessage = "must not contain NUL characters (\\u0000)";

const modelIdSchema = z
  .string()
  .min(1)
  .max(200)
  .describe('A configured model: "provider/model", or a model name one provider serves');

/** One model of a fallback chain: its id, or its id and its own time limit. */
export const fallbackEntrySchema = z.union([
  modelIdSchema,
  z.strictObject({
    model: modelIdSchema,
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(600_000)
      .optional()
      .describe("This model's time limit, retries included"),
  }),
]);
export type FallbackEntryRequest = z.infer<typeof fallbackEntrySchema>;

export const fallbackChainSchema = z
  .array(fallbackEntrySchema)
  .max(maximumFallbackModels)
  .describe(
    `Models to try in order when the model fails (after its retries), up to ${maximumFallbackModels}; overrides the version's config.fallback`,
  );

/** `stablePrefix` of a run request or a version's config. */
export const stablePrefixSchema = z.union([z.literal("system"), z.int().min(1).max(1_000)]);
export type StablePrefix = z.infer<typeof stablePrefixSchema>;

const identifierSchema = z.string().min(1).max(200).refine(noNul, nulMessage);

export const runRequestSchema = z.strictObject({
  label: z.string().optional().describe("The label to run (default production)"),
  version: z.number().int().min(1).optional().describe("The version number to run"),
  draft: versionDraftSchema
    .optional()
    .describe(
      "Run this unsaved version instead of a stored one (the editor's draft): template, and optionally type, engine, inputSchema, outputSchema, config; omitted fields come from the prompt's latest version, as saving would do, and the prompt need not exist yet. Rendered and run like a saved version (components, input schema, guards, strategy, output schema, fallback, cache), nothing is stored in the registry, and its execution is logged with version null and metadata.draft true. Not with label or version (400)",
    ),
  variables: z.record(z.string(), z.unknown()).default({}),
  messages: runContinuationSchema
    .optional()
    .describe(
      `Continue a tool-calling run (up to ${maximumContinuationMessages} messages): the conversation after the rendered prompt — {"role": "assistant", "content"?, "toolCalls": [{id, name, arguments}]} as an earlier run answered toolCalls, then one {"role": "tool", "toolCallId", "content"} per call with the result the application got (a string, or a JSON value sent as its JSON text). The version is rendered as usual, these messages are appended, and the model is called again: it may answer text, or more calls. Each result must follow the assistant message that made its call; every call needs one result. Only for versions with the tool-calling strategy`,
    ),
  strict: z.boolean().optional().describe("Refuse variables the input schema does not declare"),
  model: modelIdSchema
    .optional()
    .describe("The model to call; default: the version's config.model"),
  params: generationParametersSchema
    .strict()
    .optional()
    .describe("Generation parameters; they override the version's config and its preset"),
  stream: z
    .boolean()
    .optional()
    .describe("Answer with server-sent events: delta events, then done (or error)"),
  fallback: fallbackChainSchema.optional(),
  guard: guardOptionsSchema
    .optional()
    .describe(
      "Render-time defenses for untrusted variables (replaces the version's config.guard); the output is checked for canary leaks, secrets and personal data",
    ),
  redactOutput: z
    .boolean()
    .optional()
    .describe(
      "Replace secrets, personal data and leaked canaries in the returned output with [REDACTED:type] (a stream's deltas too: text that may still become a secret is held back until it is known, then sent redacted)",
    ),
  cache: z
    .boolean()
    .optional()
    .describe(
      "Response cache: absent → answers with temperature 0 are served from and kept in the cache; true → also answers sampled with a temperature above 0; false → the cache is neither read nor written",
    ),
  stablePrefix: stablePrefixSchema
    .optional()
    .describe(
      "The first messages that stay the same from call to call (system prompt, fixed examples), for the provider's prompt cache: \"system\" (the leading system messages) or a count of messages. Anthropic is asked to cache them (cache_control); OpenAI caches long prefixes by itself. Replaces the version's config.stablePrefix",
    ),
  userId: identifierSchema.optional().describe("Your end user's id, stored with the execution"),
  sessionId: identifierSchema.optional().describe("A session id, stored with the execution"),
  metadata: z
    .record(z.string(), z.unknown())
    .refine(
      (value) => !JSON.stringify(value).includes("\\u0000"),
      `${nulMessage} in any key or value`,
    )
    .optional()
    .describe("Stored with the execution as is"),
});
export type RunRequest = z.input<typeof runRequestSchema>;
export type ParsedRunRequest = z.output<typeof runRequestSchema>;

export const modelFailureSchema = z.object({
  modelId: z.string(),
  errorClass: z.enum(modelErrorClasses),
  message: z.string(),
  status: z.number().int().optional().describe("The provider's HTTP status, when there was one"),
  durationMs: z.number(),
});
export type ModelFailureResponse = z.infer<typeof modelFailureSchema>;

export const runUsageSchema = z.object({
  inputTokens: z.number().int().describe("All input tokens, cached ones included"),
  outputTokens: z.number().int(),
  cachedInputTokens: z.number().int().describe("Input tokens the provider served from its cache"),
  estimated: z
    .boolean()
    .describe("True when a provider reported no usage and Quire counted the tokens itself"),
  modelCalls: z.number().int().describe("Model calls made (a strategy may make several)"),
});
export type RunUsage = z.infer<typeof runUsageSchema>;

export const runCostSchema = z
  .object({
    usd: z.number().describe("What this run cost, in US dollars (0 for a cache hit)"),
    estimated: z.boolean().describe("True when computed from Quire's token count"),
    savedUsd: z.number().describe("What cache hits saved (the original calls' cost)"),
  })
  .describe("Null when the model table has no price for the model");
export type RunCost = z.infer<typeof runCostSchema>;

/** How a run found what it rendered: a stored version's resolution, or "draft". */
export const runResolvedBySchema = z
  .enum([...resolvedBySchema.options, "draft"])
  .describe('How the version was found; "draft" for a run of an unsaved draft');
export type RunResolvedBy = z.infer<typeof runResolvedBySchema>;

/** A tool call the model made that the caller runs (a client-side tool). */
export const runToolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
});
export type RunToolCall = z.infer<typeof runToolCallSchema>;

export const runResponseSchema = z.object({
  prompt: z.string(),
  version: z.number().int().nullable().describe("The version run; null for a draft"),
  label: z.string().nullable(),
  resolvedBy: runResolvedBySchema,
  draft: z.boolean().describe("True when the request's draft was run (nothing stored)"),
  output: z.string().describe("The answer's text"),
  json: z
    .unknown()
    .optional()
    .describe("The answer parsed and checked against the output schema, when there is one"),
  model: z.string().describe("The model asked for (the first of the chain)"),
  servedBy: z.string().describe("The model that answered"),
  failures: z.array(modelFailureSchema).describe("What failed before servedBy answered"),
  strategy: z.string().describe('The strategy run: "direct" (one call), "self-consistency"…'),
  strategyResult: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      "A strategy's own summary (votes of self-consistency, best path of tree of thoughts…)",
    ),
  toolCalls: z
    .array(runToolCallSchema)
    .optional()
    .describe(
      "Tool calling with client-side tools (the version's config.toolDefinitions): the calls the model made that the application runs, as with OpenAI's API; the run stopped at them (strategyResult.status client-tool-calls). To go on, run again with messages: continuation, then one tool result per call ({role: 'tool', toolCallId, content})",
    ),
  continuation: z
    .array(continuationMessageSchema)
    .optional()
    .describe(
      "With toolCalls: the conversation after the rendered prompt so far (the model's calls, and the results of the calls the server ran), in the shape of the request's messages. Send it back as the request's messages, with one {role: 'tool', toolCallId, content} appended per call of toolCalls",
    ),
  finishReason: z.string(),
  parameters: generationParametersSchema.describe("The generation parameters sent"),
  usage: runUsageSchema,
  cost: runCostSchema.nullable(),
  cacheHit: z.boolean().describe("True when every model call was answered from the response cache"),
  latencyMs: z.number().describe("From the request's arrival to the answer"),
  timeToFirstTokenMs: z
    .number()
    .nullable()
    .describe("Streams: from the request's arrival to the first text; null otherwise"),
  provenance: renderProvenanceSchema,
  executionId: z
    .string()
    .nullable()
    .describe("The execution record's id; null when the log's buffer was full"),
  guard: runGuardReportSchema
    .optional()
    .describe(
      "What the guards and output checks found; only when guards were requested or configured",
    ),
});
export type RunResponse = z.infer<typeof runResponseSchema>;

/** `data` of a stream's `delta` event. */
export const runDeltaEventSchema = z.object({ text: z.string() });
/** `data` of a stream's `error` event: the error as a JSON response carries it. */
export const runErrorEventSchema = errorResponseSchema;

/** One event of a streamed run, as the client SDK yields it. */
export type RunStreamEvent =
  | { type: "delta"; text: string }
  | { type: "done"; result: RunResponse };
