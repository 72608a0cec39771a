import { defaultModels, estimatedFamilies, nearestWithinTwoEdits } from "@quire/core";
import type { ProviderConfig } from "@quire/llm";
import { z } from "zod";
import { evaluationTableSchema } from "./evaluation-config-schema.js";
import { toolCallsTableSchema } from "./tool-calls-config-schema.js";
import { toolsSchema } from "./tools-config-schema.js";

const portMessage = "must be an integer from 1 to 65535";

export const portSchema = z
  .int({ error: portMessage })
  .min(1, { error: portMessage })
  .max(65_535, { error: portMessage });

const nonEmptyText = z.string({ error: "must be a string" }).min(1, { error: "must not be empty" });

export const serverUrlSchema = nonEmptyText.refine(
  (text) => {
    try {
      const protocol = new URL(text).protocol;
      return protocol === "http:" || protocol === "https:";
    } catch {
      return false;
    }
  },
  { error: 'must be an http:// or https:// URL, like "http://127.0.0.1:4141"' },
);

export const databaseUrlSchema = nonEmptyText.refine((text) => /^postgres(ql)?:\/\//.test(text), {
  error: 'must be a PostgreSQL connection URL, like "postgres://user@host:5432/quire"',
});

const tableMessage = { error: "must be a table" };

const tokensMessage = { error: "must be a whole number of tokens (0 or more)" };
const tokenCount = z.int(tokensMessage).min(0, tokensMessage);
const dollarsMessage = { error: "must be a number of US dollars per million tokens (0 or more)" };
const dollars = z.number(dollarsMessage).min(0, dollarsMessage);

/**
 * One `[models."NAME"]` table: a built-in model's fields to change, or a new model (which must
 * give contextWindow and maxOutputTokens). `encoding` counts exactly with an OpenAI encoding;
 * `estimate` (with an optional `estimateFactor`, tokens per o200k token) marks counts as estimates.
 */
export const modelOverrideSchema = z
  .strictObject(
    {
      provider: nonEmptyText.optional(),
      aliases: z.array(nonEmptyText, { error: "must be an array of model names" }).optional(),
      contextWindow: tokenCount.optional(),
      maxOutputTokens: tokenCount.optional(),
      price: z
        .strictObject(
          { input: dollars, output: dollars, cachedInput: dollars.optional() },
          tableMessage,
        )
        .optional(),
      encoding: z
        .enum(["o200k_base", "cl100k_base"], { error: 'must be "o200k_base" or "cl100k_base"' })
        .optional(),
      estimate: z
        .enum(estimatedFamilies as [string, ...string[]], {
          error: `must be one of ${estimatedFamilies.map((family) => `"${family}"`).join(", ")}`,
        })
        .optional(),
      estimateFactor: z
        .number({ error: "must be a number above 0 (tokens per o200k token)" })
        .positive({ error: "must be a number above 0 (tokens per o200k token)" })
        .optional(),
    },
    tableMessage,
  )
  .superRefine((model, context) => {
    if (model.encoding !== undefined && model.estimate !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["estimate"],
        message: "cannot be given with encoding (a count is exact or an estimate, not both)",
      });
    }
    if (model.estimateFactor !== undefined && model.estimate === undefined) {
      context.addIssue({
        code: "custom",
        path: ["estimateFactor"],
        message: 'needs estimate (the family it scales, e.g. estimate = "anthropic")',
      });
    }
  });

export type ModelOverrideConfig = z.infer<typeof modelOverrideSchema>;

const builtInModelNames = defaultModels.map((model) => model.name);

/** A model Quire does not know must say how large its window and replies are. */
function requireLimitsOfNewModels(
  models: Record<string, ModelOverrideConfig>,
  context: z.RefinementCtx,
): void {
  for (const [name, model] of Object.entries(models)) {
    if (builtInModelNames.some((known) => known.toLowerCase() === name.toLowerCase())) continue;
    for (const field of ["contextWindow", "maxOutputTokens"] as const) {
      if (model[field] !== undefined) continue;
      const suggestion = nearestWithinTwoEdits(name, builtInModelNames);
      context.addIssue({
        code: "custom",
        path: [name, field],
        message:
          `is required for a model that is not built in` +
          (suggestion === undefined
            ? ` (built in: ${builtInModelNames.join(", ")})`
            : `; did you mean the built-in "${suggestion}"?`),
      });
    }
  }
}

const providerKinds = ["openai", "anthropic", "openai-compatible"] as const;
const providerNameMessage = {
  error:
    'must be letters, digits, "_", "." or "-", like "openai" (the part before "/" in model ids)',
};
const modelNames = z.array(nonEmptyText, { error: "must be an array of model names" });

/**
 * One `[[providers]]` table: a model provider and the models it serves, as `@quire/llm`'s
 * `createProviderRegistry` takes it. `apiKeyEnv` is the *name* of the environment variable
 * holding the key; the key itself never goes in quire.toml.
 */
export const providerSchema = z
  .strictObject(
    {
      name: nonEmptyText.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, providerNameMessage),
      kind: z.enum(providerKinds, {
        error: 'must be "openai", "anthropic" or "openai-compatible"',
      }),
      baseUrl: nonEmptyText
        .refine((text) => /^https?:\/\/[^/]/.test(text) && URL.canParse(text), {
          error: 'must be an http:// or https:// URL, like "http://127.0.0.1:11434/v1"',
        })
        .optional(),
      models: modelNames.default([]),
      embeddingModels: modelNames.optional(),
      apiKeyEnv: z.string({ error: "must be a string" }).optional(),
      structuredOutputs: z.boolean({ error: "must be true or false" }).optional(),
    },
    tableMessage,
  )
  .superRefine((provider, context) => {
    if (provider.models.length === 0 && (provider.embeddingModels ?? []).length === 0) {
      context.addIssue({
        code: "custom",
        path: ["models"],
        message: "must name at least one model (or give embeddingModels)",
      });
    }
    if (provider.kind === "openai-compatible" && provider.baseUrl === undefined) {
      context.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: 'is required for kind = "openai-compatible" (where its API is)',
      });
    }
    if (provider.kind === "anthropic" && provider.embeddingModels !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["embeddingModels"],
        message: "cannot be given for Anthropic, which serves no embedding models",
      });
    }
    if (provider.apiKeyEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(provider.apiKeyEnv)) {
      // Reported on the table, not the key, so the value (perhaps a pasted key) is not echoed.
      context.addIssue({
        code: "custom",
        path: [],
        message:
          "has an apiKeyEnv that is not an environment variable name (its value is not shown: it may be a key); give the variable's name, like OPENAI_API_KEY",
      });
    }
  }) satisfies z.ZodType<ProviderConfig>; // quire.toml's providers are what the registry takes

const providersSchema = z
  .array(providerSchema, { error: "must be an array of tables, written [[providers]]" })
  .superRefine((providers, context) => {
    const seen = new Map<string, number>();
    providers.forEach((provider, index) => {
      const first = seen.get(provider.name);
      if (first === undefined) seen.set(provider.name, index);
      else {
        context.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `repeats the name of providers entry ${first + 1}; each provider needs its own`,
        });
      }
    });
  });

/**
 * `quire.toml`. Every key is optional; unknown keys are refused so a typo is reported instead
 * of silently ignored.
 *
 * ```toml
 * [server]
 * url = "http://127.0.0.1:4141"   # where the CLI finds the server
 * host = "127.0.0.1"              # where `quire serve` listens
 * port = 4141
 * dataDir = ".quire"              # embedded database and admin.key
 * databaseUrl = "postgres://…"    # PostgreSQL instead of the embedded database
 * corsOrigins = ["https://app.example.com"]   # browsers on these origins may call the API
 * rateLimitPerKeyPerMinute = 600000           # per key or session, per server; 0: no limit
 * failedAuthPerAddressPerMinute = 120
 *
 * [cache]
 * ttlSeconds = 3600               # how long answers are served; 0 turns the response cache off
 * semanticModel = "local/nomic-embed-text"    # an embedding model: turns the semantic cache on
 * semanticThreshold = 0.95        # cosine similarity from which a similar prompt's answer is served
 *
 * [evaluation]                    # the server's eval runs (quire eval reads its own file)
 * embeddingModel = "local/nomic-embed-text"   # for `similar` (default: [cache] semanticModel)
 * concurrency = 2                 # eval runs this server executes at once; 0: none
 * leaseSeconds = 30               # a run's lease: another server resumes it this long after a crash
 * pollIntervalMs = 1000           # how often the queue is checked for runs
 *
 * [render]                        # what one render of a template may use, on the server
 * maxRenderMs = 100
 * maxOutputBytes = 1048576
 * maxLoopIterations = 1000000
 *
 * [project]
 * promptsDir = "prompts"          # what `quire push` and `quire pull` read and write
 *
 * [executions]
 * storeContent = true             # keep each execution's variables and output text (64 KB each)
 *
 * [models."acme-large"]           # add a model, or change a built-in one ("gpt-4o")
 * contextWindow = 32000
 * maxOutputTokens = 4000
 * price = { input = 1.5, output = 6, cachedInput = 0.5 }   # US dollars per million tokens
 * estimate = "meta"               # or encoding = "o200k_base" for exact counts
 *
 * [[providers]]                   # one table per provider; model ids are "name/model"
 * name = "local"
 * kind = "openai-compatible"      # or "openai", "anthropic"
 * baseUrl = "http://127.0.0.1:11434/v1"
 * models = ["llama3.1:8b"]
 * embeddingModels = ["nomic-embed-text"]
 * apiKeyEnv = "LOCAL_API_KEY"     # the variable's name; default OPENAI_API_KEY / ANTHROPIC_API_KEY
 *
 * [[tools]]                       # a tool ReAct / tool calling may call on /run (config.tools)
 * name = "search"
 * description = "Searches the product docs"
 * parameters = { type = "object", properties = { query = { type = "string" } }, required = ["query"] }
 * url = "http://127.0.0.1:8080/search"   # Quire POSTs {"name","arguments"}; the body is the result
 * timeoutMs = 10000
 * maxResponseBytes = 65536
 * headers = { Authorization = "SEARCH_AUTHORIZATION" }   # header → the variable holding its value
 *
 * [toolCalls]                     # the calls of one model round (tool calling on /run)
 * maxParallel = 4                 # running at once
 * maxPerRound = 16                # run at most; the model's further calls get an error result
 * ```
 */
export const quireConfigSchema = z.strictObject(
  {
    server: z
      .strictObject(
        {
          url: serverUrlSchema.optional(),
          host: nonEmptyText.optional(),
          port: portSchema.optional(),
          dataDir: nonEmptyText.optional(),
          databaseUrl: databaseUrlSchema.optional(),
          corsOrigins: z
            .array(
              nonEmptyText.regex(/^https?:\/\/[^/\s]+$/, {
                error: 'must be a scheme and host without a path, like "https://app.example.com"',
              }),
              { error: "must be an array of origins" },
            )
            .optional(),
          rateLimitPerKeyPerMinute: z
            .int({ error: "must be a whole number of requests per minute (0: no limit)" })
            .min(0, { error: "must be a whole number of requests per minute (0: no limit)" })
            .optional(),
          failedAuthPerAddressPerMinute: z
            .int({ error: "must be a whole number of failed attempts per minute, 1 or more" })
            .min(1, { error: "must be a whole number of failed attempts per minute, 1 or more" })
            .optional(),
        },
        tableMessage,
      )
      .optional(),
    cache: z
      .strictObject(
        {
          ttlSeconds: z
            .int({ error: "must be a whole number of seconds (0 turns the response cache off)" })
            .min(0, { error: "must be a whole number of seconds (0 turns the response cache off)" })
            .optional(),
          semanticModel: nonEmptyText
            .regex(/^[^/\s]+\/\S+$/, {
              error:
                'must be "provider/model" of a provider\'s embeddingModels, like "local/nomic-embed-text"',
            })
            .optional(),
          semanticThreshold: z
            .number({ error: "must be a cosine similarity above 0 and at most 1, like 0.95" })
            .gt(0, { error: "must be a cosine similarity above 0 and at most 1, like 0.95" })
            .max(1, { error: "must be a cosine similarity above 0 and at most 1, like 0.95" })
            .optional(),
        },
        tableMessage,
      )
      .optional(),
    evaluation: evaluationTableSchema.optional(),
    render: z
      .strictObject(
        {
          maxRenderMs: z
            .int({ error: "must be a whole number of milliseconds from 1 to 60000" })
            .min(1, { error: "must be a whole number of milliseconds from 1 to 60000" })
            .max(60_000, { error: "must be a whole number of milliseconds from 1 to 60000" })
            .optional(),
          maxOutputBytes: z
            .int({ error: "must be a whole number of bytes, 1024 or more" })
            .min(1024, { error: "must be a whole number of bytes, 1024 or more" })
            .optional(),
          maxLoopIterations: z
            .int({ error: "must be a whole number of iterations, 1 or more" })
            .min(1, { error: "must be a whole number of iterations, 1 or more" })
            .optional(),
        },
        tableMessage,
      )
      .optional(),
    project: z.strictObject({ promptsDir: nonEmptyText.optional() }, tableMessage).optional(),
    executions: z
      .strictObject(
        { storeContent: z.boolean({ error: "must be true or false" }).optional() },
        tableMessage,
      )
      .optional(),
    models: z
      .record(z.string(), modelOverrideSchema, tableMessage)
      .superRefine(requireLimitsOfNewModels)
      .optional(),
    providers: providersSchema.optional(),
    tools: toolsSchema.optional(),
    toolCalls: toolCallsTableSchema.optional(),
  },
  tableMessage,
);

export type QuireConfigFile = z.infer<typeof quireConfigSchema>;

/** The keys each table of quire.toml accepts, for "unknown key" messages. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = quireConfigSchema;
  for (const segment of path) {
    const inner = unwrapOptional(schema);
    // A table of named entries (`[models."NAME"]`): every name has the same keys.
    const next =
      inner instanceof z.ZodRecord
        ? (inner.valueType as z.ZodType)
        : inner instanceof z.ZodArray && typeof segment === "number"
          ? (inner.element as z.ZodType)
          : shapeOf(schema)?.[String(segment)];
    if (next === undefined) return [];
    schema = next;
  }
  return Object.keys(shapeOf(schema) ?? {});
}

function unwrapOptional(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const inner = unwrapOptional(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}
