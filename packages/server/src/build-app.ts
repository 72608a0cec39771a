import type { PromptStore } from "@quire/store";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { registerAuthentication } from "./auth/authentication-hook.js";
import { Authenticator, type AuthenticatorOptions } from "./auth/authenticator.js";
import { defaultBodyLimitBytes, type LogLevel } from "./config/server-options.js";
import { registerHealthRoutes } from "./health/health-routes.js";
import { canonicalPromptUrl } from "./http/canonical-prompt-url.js";
import { registerErrorHandler } from "./http/error-handler.js";
import { registerJsonBodyParser } from "./http/json-body-parser.js";
import { registerOpenApi } from "./http/openapi.js";
import { hotReadRoutes, responseSerializer } from "./http/response-serializer.js";
import { zodValidatorCompiler } from "./http/zod-validator-compiler.js";
import { registerLabelRoutes } from "./prompts/label-routes.js";
import { registerPromptRoutes } from "./prompts/prompt-routes.js";
import { PromptService, type PromptServiceOptions } from "./prompts/prompt-service.js";
import { registerRenderRoute } from "./prompts/render-route.js";
import { registerVersionRoutes } from "./prompts/version-routes.js";
import { serverVersion } from "./server-version.js";

export interface BuildAppOptions {
  /** The open store; the caller owns it (closing the app does not close the store). */
  store: PromptStore;
  /** Largest request body (default 1 MB). */
  bodyLimitBytes?: number;
  /** Log level (default info); "silent" for none. */
  logLevel?: LogLevel;
  /** Read-path cache and template limits. */
  prompts?: PromptServiceOptions;
  /** API key lookup cache. */
  authentication?: AuthenticatorOptions;
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
  app.setSerializerCompiler(responseSerializer(hotReadRoutes));
  registerErrorHandler(app, bodyLimitBytes);
  registerJsonBodyParser(app);

  const prompts = new PromptService(options.store, options.prompts);
  const authenticator = new Authenticator(options.store, options.authentication);
  app.addHook("onClose", async () => prompts.close());

  await registerOpenApi(app, serverVersion);
  registerAuthentication(app, authenticator);
  registerHealthRoutes(app);
  registerPromptRoutes(app, prompts);
  registerVersionRoutes(app, prompts);
  registerLabelRoutes(app, prompts);
  registerRenderRoute(app, prompts);
  await app.ready();
  return { app, routes, prompts, authenticator };
}
