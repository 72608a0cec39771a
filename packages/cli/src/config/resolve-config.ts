import path from "node:path";
import { type ModelInfo, type ModelOverride, QuireError, withModelOverrides } from "@quire/core";
import type { z } from "zod";
import { UsageError } from "../usage-error.js";
import { describeValue } from "./config-problems.js";
import { databaseUrlSchema, portSchema, serverUrlSchema } from "./config-schema.js";
import { findConfigFile, type LoadedConfigFile, loadConfigFile } from "./load-config-file.js";
import { modelOverridesFrom } from "./model-overrides.js";

/** Options given on the command line; they win over the environment and quire.toml. */
export interface ConfigFlags {
  config?: string;
  url?: string;
  apiKey?: string;
  port?: string;
  host?: string;
  data?: string;
}

export type Environment = Record<string, string | undefined>;

export interface ResolvedConfig {
  file: LoadedConfigFile | undefined;
  /** Where relative paths of quire.toml are resolved from: its folder, or the working directory. */
  baseDirectory: string;
  /** The server the CLI talks to. */
  url: string;
  /** Where `quire serve` listens. */
  host: string;
  port: number;
  /** Absolute folder of the embedded database and of admin.key. */
  dataDirectory: string;
  databaseUrl: string | undefined;
  /** Absolute folder of the `.prompt` files. */
  promptsDirectory: string;
  /** From `--api-key` or QUIRE_API_KEY; admin.key is read later, only when needed. */
  apiKey: { value: string; source: string } | undefined;
  /** `[models]` of quire.toml, as core's overrides (what `quire serve` gives the server). */
  modelOverrides: Record<string, ModelOverride>;
  /** The built-in model table with those overrides applied. */
  models: ModelInfo[];
}

export const defaultPort = 4141;
export const defaultHost = "127.0.0.1";
export const defaultDataDirectory = ".quire";
export const defaultPromptsDirectory = "prompts";

/** Resolves every setting: flag → environment variable → quire.toml → default. */
export function resolveConfig(
  flags: ConfigFlags,
  environment: Environment,
  workingDirectory: string,
): ResolvedConfig {
  const filePath = flags.config ?? findConfigFile(workingDirectory);
  const file = filePath === undefined ? undefined : loadConfigFile(filePath, workingDirectory);
  const baseDirectory = file === undefined ? workingDirectory : path.dirname(file.path);
  const fromFile = file?.values;
  const env = (name: string): string | undefined => {
    const value = environment[name];
    return value === undefined || value === "" ? undefined : value;
  };

  const portText = flags.port ?? env("QUIRE_PORT");
  const port =
    portText === undefined
      ? (fromFile?.server?.port ?? defaultPort)
      : checked(
          portSchema,
          parseInteger(portText),
          portText,
          flags.port === undefined ? "QUIRE_PORT" : "--port",
        );
  const host = flags.host ?? env("QUIRE_HOST") ?? fromFile?.server?.host ?? defaultHost;

  const urlText = flags.url ?? env("QUIRE_URL");
  const url =
    urlText === undefined
      ? (fromFile?.server?.url ?? `http://${connectableHost(host)}:${port}`)
      : checked(serverUrlSchema, urlText, urlText, flags.url === undefined ? "QUIRE_URL" : "--url");

  const dataText = flags.data ?? env("QUIRE_DATA_DIR");
  const dataDirectory =
    dataText === undefined
      ? path.resolve(baseDirectory, fromFile?.server?.dataDir ?? defaultDataDirectory)
      : path.resolve(workingDirectory, dataText);

  const databaseText = env("QUIRE_DATABASE_URL");
  const databaseUrl =
    databaseText === undefined
      ? fromFile?.server?.databaseUrl
      : checked(databaseUrlSchema, databaseText, undefined, "QUIRE_DATABASE_URL");

  const promptsDirectory = path.resolve(
    baseDirectory,
    fromFile?.project?.promptsDir ?? defaultPromptsDirectory,
  );

  const apiKeyFromEnvironment = env("QUIRE_API_KEY");
  const apiKey =
    flags.apiKey !== undefined
      ? { value: flags.apiKey, source: "--api-key" }
      : apiKeyFromEnvironment !== undefined
        ? { value: apiKeyFromEnvironment, source: "QUIRE_API_KEY" }
        : undefined;

  const modelOverrides = modelOverridesFrom(fromFile?.models);

  return {
    file,
    baseDirectory,
    url,
    host,
    port,
    dataDirectory,
    databaseUrl,
    promptsDirectory,
    apiKey,
    modelOverrides,
    models: withModelOverrides(modelOverrides),
  };
}

/** A server listening on every interface is reached on loopback. */
function connectableHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "[::]") return "127.0.0.1";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

function parseInteger(text: string): number | string {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
}

/** Validates one value from a flag or an environment variable; `shown` is undefined for secrets. */
function checked<Output>(
  schema: z.ZodType<Output>,
  value: unknown,
  shown: string | undefined,
  source: string,
): Output {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const reason = result.error.issues[0]?.message ?? "is invalid";
  const message =
    shown === undefined
      ? `${source} ${reason} (the value is not shown: it may hold a password)`
      : `${source} ${reason}, got ${describeValue(shown)}`;
  if (source.startsWith("--")) throw new UsageError(message, { option: source });
  throw new QuireError("CONFIG_INVALID", message, { details: { variable: source } });
}
