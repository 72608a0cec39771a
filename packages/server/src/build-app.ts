import { type ModelInfo, QuireError } from "@quire/core";
import type {
  AccessStore,
  EvaluationStore,
  ExecutionStore,
  IdempotencyStore,
  PromptStore,
  RateLimitStore,
  ResponseCacheStorage,
} from "@quire/store";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { registerAuditHook } from "./audit/audit-hook.js";
import { registerAuditRoutes } from "./audit/audit-routes.js";
import { registerAuthentication } from "./auth/authentication-hook.js";
import { Authenticator, type AuthenticatorOptions } from "./auth/authenticator.js";
import { type HttpProtectionOptions, registerHttpProtections } from "./auth/http-protections.js";
import { LocalAdmin, type LocalAdminOptions } from "./auth/local-admin.js";
import { registerLocalSessionRoute } from "./auth/local-session-route.js";
import { LoginThrottle, type LoginThrottleOptions } from "./auth/login-throttle.js";
import { rateLimitCounters } from "./auth/rate-limit-counters.js";
import { registerSessionRoutes, type SessionOptions } from "./auth/session-routes.js";
import { registerCacheRoutes } from "./cache/cache-routes.js";
import {
  createResponseCaches,
  type ResponseCaches,
  type ResponseCachesOptions,
} from "./cache/create-response-caches.js";
import { registerChangeRequests } from "./change-requests/change-request-routes.js";
import { defaultBodyLimitBytes, type LogLevel } from "./config/server-options.js";
import { type EvaluationOptions, registerEvaluation } from "./eval-runs/register-evaluation.js";
import {
  ExecutionLogWriter,
  type ExecutionLogWriterOptions,
} from "./executions/execution-log-writer.js";
import { registerExecutionRoutes } from "./executions/execution-routes.js";
import { ExecutionService } from "./executions/execution-service.js";
import { registerHealthRoutes } from "./health/health-routes.js";
import { canonicalPromptUrl } from "./http/canonical-prompt-url.js";
import { registerErrorHandler } from "./http/error-handler.js";
import { registerIdempotency } from "./http/idempotency-hook.js";
import { registerJsonBodyParser } from "./http/json-body-parser.js";
import { registerOpenApi } from "./http/openapi.js";
import { hotRoutes, responseSerializer } from "./http/response-serializer.js";
import { zodValidatorCompiler } from "./http/zod-validator-compiler.js";
import { registerKeyRoutes } from "./keys/key-routes.js";
import { registerPersonalKeyRoutes } from "./keys/personal-key-routes.js";
import { registerMemberRoutes } from "./members/member-routes.js";
import { registerProjectRoutes } from "./projects/project-routes.js";
import { registerLabelRoutes } from "./prompts/label-routes.js";
import { registerPromptRoutes } from "./prompts/prompt-routes.js";
import { PromptService, type PromptServiceOptions } from "./prompts/prompt-service.js";
import { registerRenderRoute } from "./prompts/render-route.js";
import { registerUsedByRoute } from "./prompts/used-by-route.js";
import { registerVersionRoutes } from "./prompts/version-routes.js";
import { registerProviderRoutes } from "./providers/provider-routes.js";
import { createRunService } from "./runs/create-run-service.js";
import { registerRunRoute } from "./runs/run-route.js";
import type { RunService } from "./runs/run-service.js";
import type { RunsOptions } from "./runs/runs-options.js";
import { registerSecurityRoutes } from "./security/security-routes.js";
import { serverVersion } from "./server-version.js";
import { registerSettingsRoutes } from "./settings/settings-routes.js";
import type { ToolRegistry } from "./tools/tool-registry.js";
import { readVersionTools } from "./tools/version-tools.js";
import { registerWebUi } from "./web/web-ui-routes.js";

export interface BuildAppOptions {
  /**
   * The open store; the caller owns it (closing the app does not close the store). It must hold
   * the execution log (`executions`) and the response cache's tables (`responseCache`), as the
   * store `openStore` returns does.
   */
  store: PromptStore & {
    readonly executions?: ExecutionStore;
    readonly responseCache?: ResponseCacheStorage;
    readonly access?: AccessStore;
    readonly evaluation?: EvaluationStore;
    /** Without it, Idempotency-Key headers are ignored. */
    readonly idempotency?: IdempotencyStore;
    /** Counters shared by every server: rate limits and failed logins (else in memory). */
    readonly rateLimits?: RateLimitStore;
  };
  /** Largest request body (default 1 MB). */
  bodyLimitBytes?: number;
  /** Log level (default info); "silent" for none. */
  logLevel?: LogLevel;
  /** Read-path cache and template limits. */
  prompts?: PromptServiceOptions;
  /** API key lookup cache. */
  authentication?: AuthenticatorOptions;
  /** Rate limits per key and per address (failed authentication), CORS origins. */
  protections?: HttpProtectionOptions;
  /** Failed-login limits per email and per client address. */
  loginThrottle?: LoginThrottleOptions;
  /**
   * Keep the rate limits' and login throttle's counts on the database, so they hold across every
   * server on it (default: on PostgreSQL; in memory on PGlite, which one process opens).
   */
  sharedRateLimits?: boolean;
  /**
   * With shared rate limits, how often each server adds its requests per key to the shared count
   * (default 100 ms): the per-key limit may be passed by that much of the other servers' traffic.
   */
  requestCountSyncMilliseconds?: number;
  /** Web UI session lifetime. */
  sessions?: SessionOptions;
  /** Batching, memory bound and retries of the execution log writer. */
  executionLog?: Omit<ExecutionLogWriterOptions, "logger">;
  /** Keep executions' variables and output text, runs' and ingested ones (default true). */
  storeExecutionContent?: boolean;
  /** Providers (the registry, created once at start), timeouts, retries, circuits, response cache. */
  runs?: RunsOptions;
  /**
   * The operator's `[[tools]]` (created once at start): what versions' `config.tools` may name,
   * checked when a version is created and when it runs; ReAct and tool calling call them.
   */
  tools?: ToolRegistry;
  /** The model table for costs (the server's, with quire.toml's [models]; default built-in). */
  models?: readonly ModelInfo[];
  /** The database-backed response caches: semantic cache (embedding model, threshold), TTL. */
  responseCaches?: Omit<ResponseCachesOptions, "logger" | "modelTable">;
  /** The eval-run job worker (lease, polling, parallel runs) and the progress events. */
  evaluation?: EvaluationOptions;
  /**
   * The built web UI's folder (its index.html and assets/), served at `/`; a folder without a
   * build answers `/` with how to build it. Absent: `/` redirects to the API docs.
   */
  webDirectory?: string;
  /** The local admin session for a browser on this machine until accounts exist (default off). */
  localSession?: LocalAdminOptions;
}

/** A route as registered, for checks such as "every route is in the OpenAPI document". */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** Left out of the OpenAPI document (the docs UI's own files, /openapi.json itself). */
  hidden: boolean;
}

export interface QuireApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  prompts: PromptService;
  authenticator: Authenticator;
  /**
   * Where the run path logs executions without waiting: `executionLog.log(record)`. Closing the
   * app flushes it (before the caller closes the store).
   */
  executionLog: ExecutionLogWriter;
  /** Runs prompts on models (`POST /v1/prompts/{name}/run`). */
  runs: RunService;
  /** The response caches on the database, their statistics and invalidation (`/v1/cache`). */
  responseCaches: ResponseCaches;
}

/**
 * The HTTP application, ready to `listen` or `inject`: JSON errors from one handler, zod
 * validation, bearer-key authentication on /v1, the OpenAPI document and the registry routes.
 */
export async function buildApp(options: BuildAppOptions): Promise<QuireApp> {
  const bodyLimitBytes = options.bodyLimitBytes ?? defaultBodyLimitBytes;
  const logLevel = options.logLevel ?? "info";
  const app = Fastify({
    logger: { level: logLevel },
    logController: new LogController({
      // One line per request only when asked for: the hot read path should not wait on logging.
      disableRequestLogging: logLevel !== "debug" && logLevel !== "trace",
    }),
    bodyLimit: bodyLimitBytes,
    routerOptions: { maxParamLength: 1_000, ignoreTrailingSlash: true },
    rewriteUrl: (request) => canonicalPromptUrl(request.method ?? "GET", request.url ?? "/"),
    return503OnClosing: true,
  });
  const routes: RegisteredRoute[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    for (const method of methods) routes.push({ method, url: route.url, hidden });
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(responseSerializer(hotRoutes));
  registerErrorHandler(app, bodyLimitBytes);
  registerJsonBodyParser(app);

  const executionStore = options.store.executions;
  if (executionStore === undefined) {
    throw new QuireError(
      "CONFIG_INVALID",
      "buildApp needs a store with its execution log (store.executions): pass the store that openStore returns.",
    );
  }
  const responseCacheStorage = options.store.responseCache;
  if (responseCacheStorage === undefined) {
    throw new QuireError(
      "CONFIG_INVALID",
      "buildApp needs a store with the response cache's tables (store.responseCache): pass the store that openStore returns.",
    );
  }
  const access = options.store.access;
  if (access === undefined) {
    throw new QuireError(
      "CONFIG_INVALID",
      "buildApp needs a store with projects and API keys (store.access): pass the store that openStore returns.",
    );
  }
  const { tools } = options;
  const prompts = new PromptService(options.store, {
    checkConfig: (config, where) => void readVersionTools(config, tools, where),
    ...options.prompts,
    ...(options.models === undefined ? {} : { models: options.models }),
  });
  const authenticator = new Authenticator(access, options.authentication);
  app.addHook("onClose", async () => authenticator.close());
  app.addHook("onClose", async () => prompts.close());
  const executionLog = new ExecutionLogWriter(executionStore, {
    ...options.executionLog,
    logger: app.log,
  });
  // Runs once requests in flight are done, and before the caller closes the store.
  app.addHook("onClose", async () => executionLog.close());

  await registerOpenApi(app, serverVersion);
  const counters = rateLimitCounters(options.store.rateLimits, options.sharedRateLimits, app.log, {
    ...(options.requestCountSyncMilliseconds === undefined
      ? {}
      : { requestSyncMilliseconds: options.requestCountSyncMilliseconds }),
  });
  app.addHook("onClose", async () => counters.close());
  const protections = registerHttpProtections(app, options.protections, counters);
  const localAdmin = new LocalAdmin(access, options.localSession ?? { enabled: false });
  const { protectedLabels } = registerAuthentication(
    app,
    authenticator,
    access,
    protections,
    localAdmin,
  );
  registerAuditHook(app, access);
  if (options.store.idempotency !== undefined) registerIdempotency(app, options.store.idempotency);
  registerHealthRoutes(app, { redirectRoot: options.webDirectory === undefined });
  if (options.webDirectory !== undefined) registerWebUi(app, { directory: options.webDirectory });
  registerPromptRoutes(app, prompts);
  registerVersionRoutes(app, prompts);
  registerLabelRoutes(app, prompts);
  registerRenderRoute(app, prompts);
  registerUsedByRoute(app, prompts);
  const storeExecutionContent = options.storeExecutionContent !== false;
  registerExecutionRoutes(app, new ExecutionService(executionStore, { storeExecutionContent }));
  const runCache = options.runs?.cache;
  const responseCaches = await createResponseCaches(
    { responseCache: responseCacheStorage },
    {
      ...(runCache === false || runCache?.ttlMs === undefined ? {} : { ttlMs: runCache.ttlMs }),
      exactEnabled: runCache !== false,
      ...options.responseCaches,
      ...(options.models === undefined ? {} : { modelTable: options.models }),
      logger: app.log,
    },
  );
  // Writes this process's last cache counts before the caller closes the store.
  app.addHook("onClose", async () => responseCaches.close());
  registerCacheRoutes(app, responseCaches);
  const runs = createRunService({
    prompts,
    executionLog,
    // The database-backed caches (exact in front of semantic), shared by every server instance.
    cache: responseCaches.modelCache,
    models: options.models,
    runs: options.runs,
    storeExecutionContent,
    tools,
  });
  registerRunRoute(app, runs);
  if (options.store.evaluation !== undefined) {
    registerEvaluation(
      app,
      {
        store: options.store.evaluation,
        executions: executionStore,
        access,
        modelTable: options.models,
        prompts,
        runs: options.runs,
        cache: runCache === false ? undefined : responseCaches.exact,
        tools,
      },
      options.evaluation,
    );
  }
  registerProviderRoutes(app, options.runs?.registry);
  registerSecurityRoutes(app);
  registerKeyRoutes(app, access, authenticator);
  registerPersonalKeyRoutes(app, access, authenticator);
  registerProjectRoutes(app, access);
  registerAuditRoutes(app, access);
  registerSessionRoutes(
    app,
    access,
    authenticator,
    new LoginThrottle(options.loginThrottle, counters.exact),
    options.sessions,
  );
  registerLocalSessionRoute(app, access, localAdmin);
  registerMemberRoutes(app, access, authenticator, localAdmin);
  registerSettingsRoutes(app, access, () => protectedLabels.clear());
  registerChangeRequests(app, { access, store: options.store, prompts, protectedLabels });
  await app.ready();
  return { app, routes, prompts, authenticator, executionLog, runs, responseCaches };
}
