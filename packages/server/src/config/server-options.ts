import { resolve } from "node:path";
import {
  defaultRenderLimits,
  type ModelInfo,
  type ModelOverride,
  QuireError,
  type RenderLimits,
  withModelOverrides,
} from "@quire/core";
import type { ProviderConfig } from "@quire/llm";
import { z } from "zod";
import type { ToolConfig } from "../tools/tool-config.js";

export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

/** What `startServer` accepts; each value falls back to its environment variable, then a default. */
export interface ServerOptions {
  /** TCP port (default 4141, `QUIRE_PORT`); 0 picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1, `QUIRE_HOST`). */
  host?: string;
  /** Folder of the embedded database and of `admin.key` (default ./.quire, `QUIRE_DATA_DIR`). */
  dataDirectory?: string;
  /** PostgreSQL connection string (`QUIRE_DATABASE_URL`); the embedded PGlite when absent. */
  databaseUrl?: string;
  /** Largest request body accepted (default 1 MB, `QUIRE_BODY_LIMIT_BYTES`). */
  bodyLimitBytes?: number;
  /** Log level (default info, `QUIRE_LOG_LEVEL`). */
  logLevel?: LogLevel;
  /** Seed example prompts on the first start of an empty database (default true). */
  seedExamples?: boolean;
  /** Close the server on SIGTERM and SIGINT (default true). */
  handleSignals?: boolean;
  /**
   * Changes to the built-in model table and new models (`[models]` of quire.toml, by model name):
   * context window, max output, prices, how to count tokens. See core's `withModelOverrides`.
   */
  models?: Readonly<Record<string, ModelOverride>>;
  /**
   * The model providers runs may call (`[[providers]]` of quire.toml, see `@quire/llm`); their
   * keys are read from the environment variables they name, once, at start. None: prompts are
   * managed and rendered, and runs answer how to add providers.
   */
  providers?: readonly ProviderConfig[];
  /**
   * The tools ReAct and tool calling may call on `/run` (`[[tools]]` of quire.toml): HTTP
   * endpoints the operator runs, named by versions' `config.tools`. Header values are read from
   * the environment variables they name, once, at start. Default none.
   */
  tools?: readonly ToolConfig[];
  /** Each model call attempt's time limit in ms (default 60,000, `QUIRE_MODEL_TIMEOUT_MS`). */
  modelTimeoutMs?: number;
  /** Retries of a failed model call: timeouts, 429, 5xx (default 2, `QUIRE_MODEL_RETRIES`). */
  modelRetries?: number;
  /**
   * How long the response cache serves an answer, in ms (default 3,600,000 = one hour,
   * `QUIRE_RESPONSE_CACHE_TTL_MS`); 0 turns the cache off.
   */
  responseCacheTtlMs?: number;
  /** Most answers the in-memory response cache keeps (default 10,000, `QUIRE_RESPONSE_CACHE_MAX_ENTRIES`). */
  responseCacheMaxEntries?: number;
  /**
   * The embedding model of the semantic response cache (`provider/model` from a provider's
   * `embeddingModels`, `QUIRE_SEMANTIC_CACHE_MODEL`); absent: the semantic cache is off.
   */
  semanticCacheModel?: string;
  /** Cosine similarity from which the semantic cache serves an answer (default 0.95, `QUIRE_SEMANTIC_CACHE_THRESHOLD`). */
  semanticCacheThreshold?: number;
  /**
   * The embedding model of `similar` assertions in eval runs (`provider/model`,
   * `QUIRE_EVAL_EMBEDDING_MODEL`; quire.toml's `[evaluation] embeddingModel`); default: the
   * semantic cache's model. None: those assertions error saying so.
   */
  evalEmbeddingModel?: string;
  /** Eval runs this server executes at once (default 2, `QUIRE_EVAL_CONCURRENCY`); 0: it runs none. */
  evalConcurrency?: number;
  /** A claimed eval run's lease in seconds (default 30, `QUIRE_EVAL_LEASE_SECONDS`). */
  evalLeaseSeconds?: number;
  /** How often the eval-run queue is checked, in ms (default 1,000, `QUIRE_EVAL_POLL_INTERVAL_MS`). */
  evalPollIntervalMs?: number;
  /**
   * Origins allowed to call the API from a browser (CORS), e.g. `https://app.example.com`
   * (`QUIRE_CORS_ORIGINS`, comma-separated); default none: CORS off.
   */
  corsOrigins?: readonly string[];
  /**
   * Requests per minute one API key or session may make on each server (default 600,000,
   * `QUIRE_RATE_LIMIT_PER_KEY_PER_MINUTE`); 0: no limit.
   */
  rateLimitPerKeyPerMinute?: number;
  /**
   * Failed authentications per minute from one address before it gets 429 (default 120,
   * `QUIRE_FAILED_AUTH_PER_ADDRESS_PER_MINUTE`).
   */
  failedAuthPerAddressPerMinute?: number;
  /** Longest render of a template, in ms (default 100, `QUIRE_RENDER_MAX_MS`). */
  renderMaxMs?: number;
  /** Largest rendered output, in bytes (default 1 MB, `QUIRE_RENDER_MAX_OUTPUT_BYTES`). */
  renderMaxOutputBytes?: number;
  /** Most loop iterations in one render (default 1,000,000, `QUIRE_RENDER_MAX_LOOP_ITERATIONS`). */
  renderMaxLoopIterations?: number;
  /**
   * Keep each execution's variables and output text in the execution log, runs' and ingested
   * records' alike (default true, `QUIRE_EXECUTIONS_STORE_CONTENT`; quire.toml's
   * `[executions] storeContent`); false keeps only counts, times, costs and metadata.
   */
  storeExecutionContent?: boolean;
}

export interface ResolvedServerOptions {
  port: number;
  host: string;
  dataDirectory: string;
  databaseUrl: string | undefined;
  bodyLimitBytes: number;
  logLevel: LogLevel;
  seedExamples: boolean;
  handleSignals: boolean;
  /**
   * The model table every token count, budget and cost of this server uses: the built-in one with
   * the `models` option applied. Pass it on as `{ models }` to `countTokens`, `tokensAvailable`….
   */
  models: readonly ModelInfo[];
  providers: readonly ProviderConfig[];
  tools: readonly ToolConfig[];
  modelTimeoutMs: number;
  modelRetries: number;
  /** 0: the response cache is off. */
  responseCacheTtlMs: number;
  responseCacheMaxEntries: number;
  semanticCacheModel: string | undefined;
  semanticCacheThreshold: number;
  /** The semantic cache's model when not set. */
  evalEmbeddingModel: string | undefined;
  evalConcurrency: number;
  evalLeaseSeconds: number;
  evalPollIntervalMs: number;
  corsOrigins: readonly string[];
  /** null: no limit. */
  rateLimitPerKeyPerMinute: number | null;
  failedAuthPerAddressPerMinute: number;
  /** Each render's limits (core's `RenderLimits`; its defaults where not set). */
  renderLimits: RenderLimits;
  storeExecutionContent: boolean;
}

export const defaultPort = 4141;
export const defaultBodyLimitBytes = 1024 * 1024;

interface Setting<Value> {
  option: keyof ServerOptions;
  variable: string | undefined;
  schema: z.ZodType<Value>;
}

const integerFromText = z
  .union([z.number(), z.string().trim().min(1).transform(Number)])
  .pipe(z.number().int());

/** A switch from an option or a variable: true/false, 1/0, yes/no, on/off. */
const switchWords = ["true", "false", "1", "0", "yes", "no", "on", "off"] as const;
const booleanFromText = z
  .union([z.boolean(), z.string()])
  .transform((value) => (typeof value === "boolean" ? value : value.trim().toLowerCase()))
  .pipe(
    z.union([z.boolean(), z.enum(switchWords)], {
      error: "must be true or false (or 1/0, yes/no, on/off)",
    }),
  )
  .transform((value) =>
    typeof value === "boolean" ? value : ["true", "1", "yes", "on"].includes(value),
  );

const settings = {
  port: {
    option: "port",
    variable: "QUIRE_PORT",
    schema: integerFromText.pipe(z.number().min(0).max(65_535)),
  },
  host: { option: "host", variable: "QUIRE_HOST", schema: z.string().min(1) },
  dataDirectory: { option: "dataDirectory", variable: "QUIRE_DATA_DIR", schema: z.string().min(1) },
  databaseUrl: {
    option: "databaseUrl",
    variable: "QUIRE_DATABASE_URL",
    schema: z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://"),
  },
  bodyLimitBytes: {
    option: "bodyLimitBytes",
    variable: "QUIRE_BODY_LIMIT_BYTES",
    schema: integerFromText.pipe(
      z
        .number()
        .min(1024)
        .max(1024 * 1024 * 1024),
    ),
  },
  logLevel: { option: "logLevel", variable: "QUIRE_LOG_LEVEL", schema: z.enum(logLevels) },
  seedExamples: { option: "seedExamples", variable: undefined, schema: z.boolean() },
  handleSignals: { option: "handleSignals", variable: undefined, schema: z.boolean() },
  // Checked field by field by withModelOverrides, whose errors name the model and the field.
  models: {
    option: "models",
    variable: undefined,
    schema: z.record(
      z.string(),
      z.custom<ModelOverride>((value) => typeof value === "object"),
    ),
  },
  // Checked entry by entry by @quire/llm's createProviderRegistry (CONFIG_INVALID by key).
  providers: {
    option: "providers",
    variable: undefined,
    schema: z.array(z.custom<ProviderConfig>((value) => typeof value === "object")),
  },
  // Checked entry by entry by the ToolRegistry (CONFIG_INVALID naming tools[i] and the field).
  tools: {
    option: "tools",
    variable: undefined,
    schema: z.array(z.custom<ToolConfig>((value) => typeof value === "object" && value !== null)),
  },
  modelTimeoutMs: {
    option: "modelTimeoutMs",
    variable: "QUIRE_MODEL_TIMEOUT_MS",
    schema: integerFromText.pipe(z.number().min(1).max(600_000)),
  },
  modelRetries: {
    option: "modelRetries",
    variable: "QUIRE_MODEL_RETRIES",
    schema: integerFromText.pipe(z.number().min(0).max(10)),
  },
  responseCacheTtlMs: {
    option: "responseCacheTtlMs",
    variable: "QUIRE_RESPONSE_CACHE_TTL_MS",
    schema: integerFromText.pipe(z.number().min(0)),
  },
  responseCacheMaxEntries: {
    option: "responseCacheMaxEntries",
    variable: "QUIRE_RESPONSE_CACHE_MAX_ENTRIES",
    schema: integerFromText.pipe(z.number().min(1).max(10_000_000)),
  },
  semanticCacheModel: {
    option: "semanticCacheModel",
    variable: "QUIRE_SEMANTIC_CACHE_MODEL",
    schema: z
      .string()
      .regex(/^[^/\s]+\/\S+$/, 'must be "provider/model", like "local/nomic-embed-text"'),
  },
  semanticCacheThreshold: {
    option: "semanticCacheThreshold",
    variable: "QUIRE_SEMANTIC_CACHE_THRESHOLD",
    schema: z
      .union([z.number(), z.string().trim().min(1).transform(Number)])
      .pipe(z.number().gt(0, "must be above 0").max(1, "must be at most 1")),
  },
  evalEmbeddingModel: {
    option: "evalEmbeddingModel",
    variable: "QUIRE_EVAL_EMBEDDING_MODEL",
    schema: z
      .string()
      .regex(/^[^/\s]+\/\S+$/, 'must be "provider/model", like "local/nomic-embed-text"'),
  },
  evalConcurrency: {
    option: "evalConcurrency",
    variable: "QUIRE_EVAL_CONCURRENCY",
    schema: integerFromText.pipe(z.number().min(0).max(64)),
  },
  evalLeaseSeconds: {
    option: "evalLeaseSeconds",
    variable: "QUIRE_EVAL_LEASE_SECONDS",
    schema: integerFromText.pipe(z.number().min(5).max(3600)),
  },
  evalPollIntervalMs: {
    option: "evalPollIntervalMs",
    variable: "QUIRE_EVAL_POLL_INTERVAL_MS",
    schema: integerFromText.pipe(z.number().min(10).max(600_000)),
  },
  corsOrigins: {
    option: "corsOrigins",
    variable: "QUIRE_CORS_ORIGINS",
    schema: z
      .union([
        z.array(z.string()),
        z.string().transform((text) => text.split(",").map((origin) => origin.trim())),
      ])
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^https?:\/\/[^/\s]+$/,
              'each origin must be a scheme and host without a path, like "https://app.example.com"',
            ),
        ),
      ),
  },
  rateLimitPerKeyPerMinute: {
    option: "rateLimitPerKeyPerMinute",
    variable: "QUIRE_RATE_LIMIT_PER_KEY_PER_MINUTE",
    schema: integerFromText.pipe(z.number().min(0, "must be 0 (no limit) or more")),
  },
  failedAuthPerAddressPerMinute: {
    option: "failedAuthPerAddressPerMinute",
    variable: "QUIRE_FAILED_AUTH_PER_ADDRESS_PER_MINUTE",
    schema: integerFromText.pipe(z.number().min(1, "must be 1 or more")),
  },
  renderMaxMs: {
    option: "renderMaxMs",
    variable: "QUIRE_RENDER_MAX_MS",
    schema: integerFromText.pipe(z.number().min(1).max(60_000)),
  },
  renderMaxOutputBytes: {
    option: "renderMaxOutputBytes",
    variable: "QUIRE_RENDER_MAX_OUTPUT_BYTES",
    schema: integerFromText.pipe(
      z
        .number()
        .min(1024)
        .max(1024 * 1024 * 1024),
    ),
  },
  renderMaxLoopIterations: {
    option: "renderMaxLoopIterations",
    variable: "QUIRE_RENDER_MAX_LOOP_ITERATIONS",
    schema: integerFromText.pipe(z.number().min(1)),
  },
  storeExecutionContent: {
    option: "storeExecutionContent",
    variable: "QUIRE_EXECUTIONS_STORE_CONTENT",
    schema: booleanFromText,
  },
} satisfies {
  [Key in Exclude<keyof ResolvedServerOptions, "renderLimits">]-?: Setting<unknown>;
} & {
  [Key in keyof ServerOptions]?: Setting<unknown>;
};

/** Resolves one setting: explicit option, then environment variable, then default; validated. */
function resolveSetting<Value>(
  setting: Setting<Value>,
  explicit: unknown,
  environment: NodeJS.ProcessEnv,
): Value | undefined {
  const fromEnvironment =
    setting.variable === undefined ? undefined : environment[setting.variable];
  const raw = explicit ?? (fromEnvironment === "" ? undefined : fromEnvironment);
  if (raw === undefined) return undefined;
  const parsed = setting.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const source =
    explicit !== undefined
      ? `option "${setting.option}"`
      : `environment variable ${setting.variable} (used because option "${setting.option}" is not set)`;
  const problem = parsed.error.issues.map((issue) => issue.message).join("; ");
  throw new QuireError(
    "CONFIG_INVALID",
    `Invalid server configuration: ${source} is ${JSON.stringify(raw)}: ${problem}.`,
    { details: { option: setting.option, variable: setting.variable, value: raw, problem } },
  );
}

/** Validates the options once at start; an invalid value's error names the option and variable. */
export function resolveServerOptions(
  options: ServerOptions = {},
  environment: NodeJS.ProcessEnv = process.env,
): ResolvedServerOptions {
  const dataDirectory =
    resolveSetting(settings.dataDirectory, options.dataDirectory, environment) ?? ".quire";
  return {
    port: resolveSetting(settings.port, options.port, environment) ?? defaultPort,
    host: resolveSetting(settings.host, options.host, environment) ?? "127.0.0.1",
    dataDirectory: resolve(dataDirectory),
    databaseUrl: resolveSetting(settings.databaseUrl, options.databaseUrl, environment),
    bodyLimitBytes:
      resolveSetting(settings.bodyLimitBytes, options.bodyLimitBytes, environment) ??
      defaultBodyLimitBytes,
    logLevel: resolveSetting(settings.logLevel, options.logLevel, environment) ?? "info",
    seedExamples: resolveSetting(settings.seedExamples, options.seedExamples, environment) ?? true,
    handleSignals:
      resolveSetting(settings.handleSignals, options.handleSignals, environment) ?? true,
    models: withModelOverrides(resolveSetting(settings.models, options.models, environment) ?? {}),
    providers: resolveSetting(settings.providers, options.providers, environment) ?? [],
    tools: resolveSetting(settings.tools, options.tools, environment) ?? [],
    modelTimeoutMs:
      resolveSetting(settings.modelTimeoutMs, options.modelTimeoutMs, environment) ?? 60_000,
    modelRetries: resolveSetting(settings.modelRetries, options.modelRetries, environment) ?? 2,
    responseCacheTtlMs:
      resolveSetting(settings.responseCacheTtlMs, options.responseCacheTtlMs, environment) ??
      3_600_000,
    responseCacheMaxEntries:
      resolveSetting(
        settings.responseCacheMaxEntries,
        options.responseCacheMaxEntries,
        environment,
      ) ?? 10_000,
    semanticCacheModel: resolveSetting(
      settings.semanticCacheModel,
      options.semanticCacheModel,
      environment,
    ),
    semanticCacheThreshold:
      resolveSetting(
        settings.semanticCacheThreshold,
        options.semanticCacheThreshold,
        environment,
      ) ?? 0.95,
    ...resolveEvalSettings(options, environment),
    corsOrigins: resolveSetting(settings.corsOrigins, options.corsOrigins, environment) ?? [],
    rateLimitPerKeyPerMinute: rateLimitOf(
      resolveSetting(
        settings.rateLimitPerKeyPerMinute,
        options.rateLimitPerKeyPerMinute,
        environment,
      ),
    ),
    failedAuthPerAddressPerMinute:
      resolveSetting(
        settings.failedAuthPerAddressPerMinute,
        options.failedAuthPerAddressPerMinute,
        environment,
      ) ?? 120,
    renderLimits: {
      maxRenderMs:
        resolveSetting(settings.renderMaxMs, options.renderMaxMs, environment) ??
        defaultRenderLimits.maxRenderMs,
      maxOutputBytes:
        resolveSetting(settings.renderMaxOutputBytes, options.renderMaxOutputBytes, environment) ??
        defaultRenderLimits.maxOutputBytes,
      maxLoopIterations:
        resolveSetting(
          settings.renderMaxLoopIterations,
          options.renderMaxLoopIterations,
          environment,
        ) ?? defaultRenderLimits.maxLoopIterations,
    },
    storeExecutionContent:
      resolveSetting(settings.storeExecutionContent, options.storeExecutionContent, environment) ??
      true,
  };
}

function resolveEvalSettings(options: ServerOptions, environment: NodeJS.ProcessEnv) {
  return {
    evalEmbeddingModel:
      resolveSetting(settings.evalEmbeddingModel, options.evalEmbeddingModel, environment) ??
      resolveSetting(settings.semanticCacheModel, options.semanticCacheModel, environment),
    evalConcurrency:
      resolveSetting(settings.evalConcurrency, options.evalConcurrency, environment) ?? 2,
    evalLeaseSeconds:
      resolveSetting(settings.evalLeaseSeconds, options.evalLeaseSeconds, environment) ?? 30,
    evalPollIntervalMs:
      resolveSetting(settings.evalPollIntervalMs, options.evalPollIntervalMs, environment) ?? 1_000,
  };
}

function rateLimitOf(perMinute: number | undefined): number | null {
  if (perMinute === undefined) return 600_000;
  return perMinute === 0 ? null : perMinute;
}
