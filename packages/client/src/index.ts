export type { AccessMethods, AuditFilters } from "./access-methods.js";
export type { CacheInvalidationTarget } from "./cache-methods.js";
export type {
  ChangeRequestMethods,
  ChangeRequestStatus,
  ChangeRequestWithDiff,
} from "./change-request-methods.js";
export type {
  DatasetFileFormat,
  EvalRunEvent,
  EvaluationMethods,
  EvaluationPageOptions,
  EvaluationWriteOptions,
} from "./evaluation-methods.js";
export type { ListExecutionsOptions } from "./execution-methods.js";
export { iteratePages, type Page } from "./page-iterator.js";
export {
  loginWithPassword,
  type PasswordLoginOptions,
  type PasswordLoginResult,
} from "./password-login.js";
export type { ListMembersResponse, ProjectMethods } from "./project-methods.js";
export { promptPath } from "./prompt-path.js";
export {
  createQuireClient,
  type ListPromptsOptions,
  type MoveLabelOptions,
  type PageOptions,
  type QuireClient,
  type QuireClientOptions,
  type RenderOptions,
  type RequestOptions,
  type UsedByOptions,
  type VersionSelector,
  type WriteOptions,
} from "./quire-client.js";
export type { RunOptions } from "./run-methods.js";
export { readServerSentEvents, type ServerSentEvent } from "./server-sent-events.js";
