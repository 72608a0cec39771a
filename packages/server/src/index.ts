export { type AdminKeyResult, adminKeyFileName, ensureAdminKey } from "./auth/admin-key.js";
export { apiKeyPrefix, generateApiKey, hashApiKey } from "./auth/api-key.js";
export { Authenticator, type AuthenticatorOptions, type Scope } from "./auth/authenticator.js";
export { hashPassword, verifyPassword } from "./auth/passwords.js";
export type { Principal } from "./auth/principal.js";
export { type RouteAccess, routeAccessTable } from "./auth/route-access.js";
export { type BuildAppOptions, buildApp, type QuireApp } from "./build-app.js";
export {
  defaultBodyLimitBytes,
  defaultPort,
  type LogLevel,
  logLevels,
  type ResolvedServerOptions,
  resolveServerOptions,
  type ServerOptions,
} from "./config/server-options.js";
export {
  ExecutionLogWriter,
  type ExecutionLogWriterLogger,
  type ExecutionLogWriterOptions,
  type ExecutionLogWriterStats,
} from "./executions/execution-log-writer.js";
export { PromptService, type PromptServiceOptions } from "./prompts/prompt-service.js";
export type { ModelCache } from "./runs/model-cache.js";
export { type RunCallOptions, RunService, type StreamCallOptions } from "./runs/run-service.js";
export type { RunsOptions } from "./runs/runs-options.js";
export { examplePrompts } from "./seed/example-prompts.js";
export { type RunningServer, type StartServerOptions, startServer } from "./start-server.js";
export type { ToolConfig } from "./tools/tool-config.js";
export { ToolRegistry } from "./tools/tool-registry.js";
