import { type ModelOverride, QuireError } from "@quire/core";
import type { ProviderConfig } from "@quire/llm";
import { z } from "zod";
import type { ToolConfig } from "../tools/tool-config.js";
import {
  logLevels,
  type ResolvedServerOptions,
  type ServerOptions,
} from "./server-option-types.js";

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

/** An embedding model setting: `provider/model`, as quire.toml's [[providers]] serve them. */
const modelIdSetting = z
  .string()
  .regex(/^[^/\s]+\/\S+$/, 'must be "provider/model", like "local/nomic-embed-text"');

/** Each option: its environment variable and how a value is checked. */
export const settings = {
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
  toolCallsMaxParallel: {
    option: "toolCallsMaxParallel",
    variable: "QUIRE_TOOL_CALLS_MAX_PARALLEL",
    schema: integerFromText.pipe(
      z.number().min(1, "must be 1 or more").max(64, "must be at most 64"),
    ),
  },
  toolCallsMaxPerRound: {
    option: "toolCallsMaxPerRound",
    variable: "QUIRE_TOOL_CALLS_MAX_PER_ROUND",
    schema: integerFromText.pipe(
      z.number().min(1, "must be 1 or more").max(1_000, "must be at most 1000"),
    ),
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
    schema: modelIdSetting,
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
    schema: modelIdSetting,
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
export function resolveSetting<Value>(
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
