import { resolve } from "node:path";
import { type ModelInfo, type ModelOverride, QuireError, withModelOverrides } from "@quire/core";
import { z } from "zod";

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
} satisfies { [Key in keyof ResolvedServerOptions]-?: Setting<unknown> };

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
  };
}
