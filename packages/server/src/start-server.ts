import { existsSync } from "node:fs";
import { type EmbeddingModel, QuireError } from "@quire/core";
import { createProviderRegistry } from "@quire/llm";
import { openStore, type Store } from "@quire/store";
import type { FastifyInstance } from "fastify";
import { ensureAdminKey } from "./auth/admin-key.js";
import { type BuildAppOptions, buildApp } from "./build-app.js";
import { closeOnSignals } from "./close-on-signals.js";
import { resolveServerOptions, type ServerOptions } from "./config/server-options.js";
import type { ExecutionLogWriter } from "./executions/execution-log-writer.js";
import type { RunsOptions } from "./runs/runs-options.js";
import { seedExamples } from "./seed/seed-examples.js";
import { ToolRegistry } from "./tools/tool-registry.js";

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4141`. */
  url: string;
  port: number;
  /** Where the admin key file is (written on the first start). */
  adminKeyPath: string;
  app: FastifyInstance;
  /** The open store (closed by `close`). */
  store: Store;
  /** Where runs log executions without waiting; `close` flushes it before the store closes. */
  executionLog: ExecutionLogWriter;
  /**
   * Stops accepting requests, finishes those in flight, flushes the execution log, then closes
   * the store. Idempotent.
   */
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
}

async function listenOrExplain(app: FastifyInstance, port: number, host: string): Promise<number> {
  try {
    await app.listen({ port, host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
      throw new QuireError(
        "CONFIG_INVALID",
        `Cannot listen on ${host}:${port} (${code}). Choose another port with the "port" option (QUIRE_PORT, or quire serve --port), or 0 for any free port.`,
        {
          details: { option: "port", variable: "QUIRE_PORT", port, host, reason: code },
          cause: error,
        },
      );
    }
    throw error;
  }
  const address = app.server.address();
  return typeof address === "object" && address !== null ? address.port : port;
}

export interface StartServerOptions extends ServerOptions {
  /** Batching, memory bound and retries of the execution log writer (defaults suit most). */
  executionLog?: BuildAppOptions["executionLog"];
  /**
   * Run settings beyond the resolved options (retry delays, circuit settings, a clock): mostly
   * for tests. The provider registry is always made from `providers` and the environment.
   */
  runs?: Omit<RunsOptions, "registry">;
  /** The built web UI's folder, served at `/` (see buildApp's `webDirectory`). */
  webDirectory?: string;
  /**
   * Offer the local admin session to a browser on this machine until accounts exist. Default:
   * on for the embedded database, off with PostgreSQL; `QUIRE_LOCAL_SESSION=true|false` decides
   * when this option is absent.
   */
  localSession?: boolean;
}

/** The local admin session's default: the option, else QUIRE_LOCAL_SESSION, else embedded only. */
export function localSessionEnabled(
  option: boolean | undefined,
  databaseUrl: string | undefined,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (option !== undefined) return option;
  const variable = environment.QUIRE_LOCAL_SESSION?.trim().toLowerCase();
  if (variable === "true" || variable === "1") return true;
  if (variable === "false" || variable === "0") return false;
  if (variable !== undefined && variable !== "") {
    throw new QuireError(
      "CONFIG_INVALID",
      `QUIRE_LOCAL_SESSION must be true or false, got ${JSON.stringify(environment.QUIRE_LOCAL_SESSION)}.`,
      { details: { variable: "QUIRE_LOCAL_SESSION" } },
    );
  }
  return databaseUrl === undefined;
}

/** Where an embedding model's id was set, for the error that refuses it. */
interface EmbeddingModelSetting {
  /** What uses the model, e.g. "The semantic cache's model". */
  user: string;
  option: string;
  variable: string;
  /** Where else it may be set, in words: "[cache] semanticModel in quire.toml". */
  sources: string;
}

/** An embedding model of the registry, or CONFIG_INVALID naming the option and the configured ones. */
function embeddingModelOf(
  registry: ReturnType<typeof createProviderRegistry>,
  modelId: string,
  setting: EmbeddingModelSetting,
): EmbeddingModel {
  try {
    return registry.embeddingModel(modelId);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new QuireError(
      "CONFIG_INVALID",
      `${setting.user} "${modelId}" (${setting.option}, ${setting.sources}, or ${setting.variable}) cannot be used: ${reason}`,
      {
        details: {
          option: setting.option,
          variable: setting.variable,
          configured: registry.embeddingModelIds(),
        },
        cause: error,
      },
    );
  }
}

const semanticCacheModelSetting: EmbeddingModelSetting = {
  user: "The semantic cache's model",
  option: "semanticCacheModel",
  variable: "QUIRE_SEMANTIC_CACHE_MODEL",
  sources: "[cache] semanticModel in quire.toml",
};

/** `similar` in eval runs: `evalEmbeddingModel`, else the semantic cache's model. */
const evalEmbeddingModelSetting: EmbeddingModelSetting = {
  user: "The eval runs' embedding model",
  option: "evalEmbeddingModel",
  variable: "QUIRE_EVAL_EMBEDDING_MODEL",
  sources: "[evaluation] embeddingModel in quire.toml (default [cache] semanticModel)",
};

/**
 * Starts Quire's HTTP server: opens the store (PGlite in the data directory, or PostgreSQL),
 * creates the admin key and the example prompts on the first start, and listens.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const settings = resolveServerOptions(options);
  const localSession = localSessionEnabled(options.localSession, settings.databaseUrl);
  // Once, at start: checks the [[providers]] and reads each key from the variable it names.
  const registry = createProviderRegistry({ providers: settings.providers }, process.env);
  // Likewise the [[tools]]: checked, and header values read from the variables they name.
  const tools = new ToolRegistry(settings.tools, process.env, {
    maxParallelCalls: settings.toolCallsMaxParallel,
    maxCallsPerRound: settings.toolCallsMaxPerRound,
  });
  const semanticEmbedding =
    settings.semanticCacheModel === undefined || settings.responseCacheTtlMs === 0
      ? undefined
      : embeddingModelOf(registry, settings.semanticCacheModel, semanticCacheModelSetting);
  const evalEmbedding =
    settings.evalEmbeddingModel === undefined
      ? undefined
      : embeddingModelOf(registry, settings.evalEmbeddingModel, evalEmbeddingModelSetting);
  const store: Store = await openStore({
    dataDirectory: settings.dataDirectory,
    ...(settings.databaseUrl === undefined ? {} : { databaseUrl: settings.databaseUrl }),
  });
  let app: FastifyInstance | undefined;
  try {
    const adminKey = await ensureAdminKey(store, settings.dataDirectory);
    const built = await buildApp({
      store,
      bodyLimitBytes: settings.bodyLimitBytes,
      logLevel: settings.logLevel,
      ...(options.executionLog === undefined ? {} : { executionLog: options.executionLog }),
      models: settings.models,
      prompts: { renderLimits: settings.renderLimits },
      storeExecutionContent: settings.storeExecutionContent,
      tools,
      ...(options.webDirectory === undefined ? {} : { webDirectory: options.webDirectory }),
      localSession: { enabled: localSession },
      evaluation: {
        ...(evalEmbedding === undefined ? {} : { embeddingModel: evalEmbedding }),
        worker: {
          maxRuns: settings.evalConcurrency,
          leaseMs: settings.evalLeaseSeconds * 1000,
          pollIntervalMs: settings.evalPollIntervalMs,
        },
      },
      protections: {
        corsOrigins: settings.corsOrigins,
        perKeyPerMinute: settings.rateLimitPerKeyPerMinute,
        failedPerAddressPerMinute: settings.failedAuthPerAddressPerMinute,
      },
      ...(semanticEmbedding === undefined
        ? {}
        : {
            responseCaches: {
              semantic: {
                embeddingModel: semanticEmbedding,
                threshold: settings.semanticCacheThreshold,
              },
            },
          }),
      runs: {
        timeoutMs: settings.modelTimeoutMs,
        cache:
          settings.responseCacheTtlMs === 0
            ? false
            : { ttlMs: settings.responseCacheTtlMs, maxEntries: settings.responseCacheMaxEntries },
        ...options.runs,
        registry,
        retry:
          options.runs?.retry === false
            ? false
            : { maxRetries: settings.modelRetries, ...options.runs?.retry },
      },
    });
    for (const problem of registry.problems()) built.app.log.warn(`Model providers: ${problem}.`);
    for (const problem of tools.problems()) built.app.log.warn(`Tools: ${problem}.`);
    app = built.app;
    if (adminKey.created) {
      app.log.info(`Created the admin API key; it is in ${adminKey.path} (readable by you only).`);
      if (settings.seedExamples && (await store.listPrompts({ limit: 1 })).items.length === 0) {
        const seeded = await seedExamples(built.prompts);
        app.log.info(`Seeded example prompts: ${seeded.join(", ")}`);
      }
    } else if (existsSync(adminKey.path)) {
      app.log.info(`Admin API key: ${adminKey.path}`);
    }
    const port = await listenOrExplain(app, settings.port, settings.host);
    const url = urlOf(settings.host, port);
    app.log.info(`Quire is listening on ${url} (API docs at ${url}/docs)`);

    let closing: Promise<void> | undefined;
    let removeSignalListeners = () => {};
    const startedApp = app;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        removeSignalListeners();
        try {
          await startedApp.close();
        } finally {
          await store.close();
        }
      })();
      return closing;
    };
    if (settings.handleSignals) removeSignalListeners = closeOnSignals(close, app.log);
    const executionLog = built.executionLog;
    return { url, port, adminKeyPath: adminKey.path, app, store, executionLog, close };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
