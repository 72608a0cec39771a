import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LogLevel } from "@quire/server";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { resolveConfig } from "../config/resolve-config.js";
import { UsageError } from "../usage-error.js";
import { addConfigOption } from "./connection.js";

interface ServeFlags {
  port?: string;
  host?: string;
  data?: string;
  config?: string;
  logLevel?: string;
}

export function registerServeCommand(program: Command, context: CliContext): void {
  addConfigOption(
    program
      .command("serve")
      .summary("start the Quire server")
      .description(
        "start the Quire server: the HTTP API on an embedded database (or PostgreSQL with QUIRE_DATABASE_URL)",
      )
      .option(
        "-p, --port <port>",
        "port to listen on; 0 picks a free one (default: QUIRE_PORT, [server] port, or 4141)",
      )
      .option(
        "--host <host>",
        "interface to listen on (default: QUIRE_HOST, [server] host, or 127.0.0.1)",
      )
      .option(
        "--data <dir>",
        "folder of the embedded database and admin.key (default: QUIRE_DATA_DIR, [server] dataDir, or ./.quire)",
      )
      .option(
        "--log-level <level>",
        "server log level: fatal, error, warn, info, debug, trace or silent (default: QUIRE_LOG_LEVEL, or warn so the banner stays readable)",
      ),
  ).action(async (flags: ServeFlags) => {
    const anyFreePort = flags.port !== undefined && /^\s*0+\s*$/.test(flags.port);
    const config = resolveConfig(
      {
        config: flags.config,
        port: anyFreePort ? undefined : flags.port,
        host: flags.host,
        data: flags.data,
      },
      context.environment,
      context.workingDirectory,
    );
    // Loaded here, not at the top: the server (Fastify, the database) is only needed by `serve`,
    // and every other command starts faster without it.
    const { startServer } = await import("@quire/server");
    const webDirectory = webDirectoryOf(context.environment);
    // quire.toml's value unless the environment variable is set (the server reads those itself:
    // variables override the file).
    const fromFile = <Value>(variable: string, value: Value | undefined) =>
      context.environment[variable] === undefined || context.environment[variable] === ""
        ? value
        : undefined;
    const serverTable = config.file?.values.server;
    const cacheTable = config.file?.values.cache;
    const renderTable = config.file?.values.render;
    const evaluationTable = config.file?.values.evaluation;
    const ttlSeconds = fromFile("QUIRE_RESPONSE_CACHE_TTL_MS", cacheTable?.ttlSeconds);
    const server = await startServer({
      port: anyFreePort ? 0 : config.port,
      host: config.host,
      dataDirectory: config.dataDirectory,
      databaseUrl: config.databaseUrl,
      handleSignals: false,
      // The built UI's folder: served at `/` (the server does not import the UI, only serves it).
      webDirectory,
      models: config.modelOverrides,
      // [[providers]] of quire.toml: the models `quire run` and POST /run may call.
      providers: config.file?.values.providers ?? [],
      // [[tools]] of quire.toml: what ReAct and tool calling may call on POST /run.
      tools: config.file?.values.tools ?? [],
      toolCallsMaxParallel: fromFile(
        "QUIRE_TOOL_CALLS_MAX_PARALLEL",
        config.file?.values.toolCalls?.maxParallel,
      ),
      toolCallsMaxPerRound: fromFile(
        "QUIRE_TOOL_CALLS_MAX_PER_ROUND",
        config.file?.values.toolCalls?.maxPerRound,
      ),
      corsOrigins: fromFile("QUIRE_CORS_ORIGINS", serverTable?.corsOrigins),
      rateLimitPerKeyPerMinute: fromFile(
        "QUIRE_RATE_LIMIT_PER_KEY_PER_MINUTE",
        serverTable?.rateLimitPerKeyPerMinute,
      ),
      failedAuthPerAddressPerMinute: fromFile(
        "QUIRE_FAILED_AUTH_PER_ADDRESS_PER_MINUTE",
        serverTable?.failedAuthPerAddressPerMinute,
      ),
      responseCacheTtlMs: ttlSeconds === undefined ? undefined : ttlSeconds * 1000,
      renderMaxMs: fromFile("QUIRE_RENDER_MAX_MS", renderTable?.maxRenderMs),
      renderMaxOutputBytes: fromFile("QUIRE_RENDER_MAX_OUTPUT_BYTES", renderTable?.maxOutputBytes),
      renderMaxLoopIterations: fromFile(
        "QUIRE_RENDER_MAX_LOOP_ITERATIONS",
        renderTable?.maxLoopIterations,
      ),
      semanticCacheModel: fromFile("QUIRE_SEMANTIC_CACHE_MODEL", cacheTable?.semanticModel),
      storeExecutionContent: fromFile(
        "QUIRE_EXECUTIONS_STORE_CONTENT",
        config.file?.values.executions?.storeContent,
      ),
      semanticCacheThreshold: fromFile(
        "QUIRE_SEMANTIC_CACHE_THRESHOLD",
        cacheTable?.semanticThreshold,
      ),
      evalEmbeddingModel: fromFile("QUIRE_EVAL_EMBEDDING_MODEL", evaluationTable?.embeddingModel),
      evalConcurrency: fromFile("QUIRE_EVAL_CONCURRENCY", evaluationTable?.concurrency),
      evalLeaseSeconds: fromFile("QUIRE_EVAL_LEASE_SECONDS", evaluationTable?.leaseSeconds),
      evalPollIntervalMs: fromFile("QUIRE_EVAL_POLL_INTERVAL_MS", evaluationTable?.pollIntervalMs),
      // The banner below says what a person starting the server needs; JSON request logs
      // would bury it, so they are opt-in (--log-level info, or QUIRE_LOG_LEVEL).
      logLevel: checkedLogLevel(flags.logLevel ?? context.environment.QUIRE_LOG_LEVEL ?? "warn"),
    });
    const { colors } = context;
    const shown = (target: string): string => {
      const relative = path.relative(context.workingDirectory, target);
      return relative === "" || relative.startsWith("..") ? target : relative;
    };
    context.stdout.write(
      [
        `${colors.green("Quire is listening on")} ${colors.bold(server.url)}`,
        `  storage    ${config.databaseUrl === undefined ? `embedded database in ${shown(config.dataDirectory)}` : "PostgreSQL (QUIRE_DATABASE_URL)"}`,
        `  admin key  ${shown(server.adminKeyPath)} ${colors.dim("(the CLI on this machine reads it by itself)")}`,
        `  models     ${modelsLine(config.file?.values.providers ?? [])}`,
        ...toolsLines(config.file?.values.tools ?? []),
        `  web UI     ${existsSync(path.join(webDirectory, "index.html")) ? server.url : `not built (npm run build -w @quire/web); ${server.url} says how`}`,
        `  API docs   ${server.url}/docs`,
        colors.dim("Press Ctrl-C to stop."),
        "",
      ].join("\n"),
    );
    const signal = await context.stopRequested();
    context.stdout.write(`${colors.dim(`${signal}: stopping…`)}\n`);
    await server.close();
  });
}

/**
 * The web UI's build: QUIRE_WEB_DIR, else packages/web/dist of this repository (the same path
 * from src/commands and dist/commands).
 */
function webDirectoryOf(environment: Readonly<Record<string, string | undefined>>): string {
  const configured = environment.QUIRE_WEB_DIR?.trim();
  if (configured !== undefined && configured !== "") return path.resolve(configured);
  return fileURLToPath(new URL("../../../web/dist", import.meta.url));
}

const logLevels: readonly LogLevel[] = [
  "fatal",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "silent",
];

function checkedLogLevel(level: string): LogLevel {
  const known = logLevels.find((candidate) => candidate === level);
  if (known === undefined) {
    throw new UsageError(
      `--log-level must be one of ${logLevels.join(", ")}, got ${JSON.stringify(level)}`,
    );
  }
  return known;
}

/** The banner's line about [[tools]], when there are some. */
function toolsLines(tools: readonly { name: string }[]): string[] {
  return tools.length === 0 ? [] : [`  tools      ${tools.map((tool) => tool.name).join(", ")}`];
}

/** The banner's line about providers: their models, or how to add some. */
function modelsLine(providers: readonly { name: string; models: readonly string[] }[]): string {
  const ids = providers.flatMap((provider) =>
    provider.models.map((model) => `${provider.name}/${model}`),
  );
  if (ids.length === 0) return "none configured (add [[providers]] to quire.toml to run prompts)";
  const shown = ids.slice(0, 6).join(", ");
  return ids.length > 6 ? `${shown} and ${ids.length - 6} more` : shown;
}
