import {
  type CacheStatisticsResponse,
  type Execution,
  type ExecutionFeedback,
  type ExecutionFeedbackRequest,
  type ExecutionWithFeedback,
  type IngestExecutionsResponse,
  type InvalidateCacheResponse,
  type NewExecution,
  QuireError,
  type RunResponse,
  type RunStreamEvent,
} from "@quire/core";
import { type AccessMethods, createAccessMethods } from "./access-methods.js";
import { type CacheInvalidationTarget, createCacheMethods } from "./cache-methods.js";
import { type ChangeRequestMethods, createChangeRequestMethods } from "./change-request-methods.js";
import { createEvaluationMethods, type EvaluationMethods } from "./evaluation-methods.js";
import { createExecutionMethods, type ListExecutionsOptions } from "./execution-methods.js";
import { createTransport } from "./http-transport.js";
import type { Page } from "./page-iterator.js";
import { createProjectMethods, type ProjectMethods } from "./project-methods.js";
import { createPromptMethods, type PromptMethods, type RequestOptions } from "./prompt-methods.js";
import { createRunMethods, type RunOptions } from "./run-methods.js";

export interface QuireClientOptions {
  /** Where the server listens, e.g. `http://127.0.0.1:4141`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` on every request. */
  apiKey: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** How long one request may take before it fails with UNAVAILABLE (default 30 000 ms). */
  timeoutMs?: number;
  /**
   * How long `runPrompt` may take, and `streamPrompt` until its first text (default 300 000 ms):
   * model calls are slow.
   */
  runTimeoutMs?: number;
}

export type {
  ListPromptsOptions,
  MoveLabelOptions,
  PageOptions,
  RenderOptions,
  RequestOptions,
  UsedByOptions,
  VersionSelector,
  WriteOptions,
} from "./prompt-methods.js";

/** One method per route of Quire's HTTP API. Every failure is a QuireError. */
export interface QuireClient extends PromptMethods, EvaluationMethods, ChangeRequestMethods {
  readonly baseUrl: string;
  /**
   * Logs up to 1,000 execution records (more: PAYLOAD_TOO_LARGE). Resolves with each record's
   * outcome by index, also when some were rejected (HTTP 207): read `rejected`. Give records a
   * `clientId` to make a retry safe.
   */
  logExecutions(
    executions: readonly NewExecution[],
    request?: RequestOptions,
  ): Promise<IngestExecutionsResponse>;
  /** NOT_FOUND for an unknown execution id. */
  addExecutionFeedback(
    id: string,
    feedback: ExecutionFeedbackRequest,
    request?: RequestOptions,
  ): Promise<ExecutionFeedback>;
  /** Newest first. */
  listExecutions(
    options?: ListExecutionsOptions,
    request?: RequestOptions,
  ): Promise<Page<Execution>>;
  iterateExecutions(
    options?: Omit<ListExecutionsOptions, "cursor">,
  ): AsyncGenerator<Execution, void, undefined>;
  /** The execution with its feedback; NOT_FOUND for an unknown id. */
  getExecution(id: string, request?: RequestOptions): Promise<ExecutionWithFeedback>;
  /**
   * Runs a version on a model (render, call with fallback, retries and cache, log an execution).
   * A model failure is PROVIDER_ERROR with `details.errorClass` and `details.executionId`.
   */
  runPrompt(name: string, options?: RunOptions, request?: RequestOptions): Promise<RunResponse>;
  /**
   * The same run, streamed: `{type: "delta", text}` events, then one `{type: "done", result}`.
   * A failure, before or during the text, is thrown as a QuireError. Stopping the loop early
   * closes the connection (the server then stops the model call).
   */
  streamPrompt(
    name: string,
    options?: RunOptions,
    request?: RequestOptions,
  ): AsyncGenerator<RunStreamEvent, void, undefined>;
  /** Response cache statistics per prompt and in total, summed over every server. */
  cacheStatistics(
    options?: { prompt?: string },
    request?: RequestOptions,
  ): Promise<CacheStatisticsResponse>;
  /**
   * Removes cached answers of a prompt, a model, both, or `{all: true}`; says how many. A target
   * naming nothing is refused before sending (BAD_REQUEST).
   */
  invalidateCache(
    target: CacheInvalidationTarget,
    request?: RequestOptions,
  ): Promise<InvalidateCacheResponse>;
  /** API keys of the caller's project (admin): create (secret shown once), list, revoke. */
  createApiKey: AccessMethods["createApiKey"];
  listApiKeys: AccessMethods["listApiKeys"];
  revokeApiKey: AccessMethods["revokeApiKey"];
  revokePersonalKey: AccessMethods["revokePersonalKey"];
  /** The audit log of the caller's project (admin), newest first, filtered and paged. */
  listAudit: AccessMethods["listAudit"];
  /** Members and roles (admin), the project's settings, the server's model providers. */
  listMembers: ProjectMethods["listMembers"];
  setMember: ProjectMethods["setMember"];
  getSettings: ProjectMethods["getSettings"];
  updateSettings: ProjectMethods["updateSettings"];
  listProviders: ProjectMethods["listProviders"];
  listProjects: ProjectMethods["listProjects"];
  createProject: ProjectMethods["createProject"];
}

export function createQuireClient(options: QuireClientOptions): QuireClient {
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const send = createTransport({
    baseUrl,
    apiKey: options.apiKey,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
  });

  const runs = createRunMethods({
    baseUrl,
    apiKey: options.apiKey,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.runTimeoutMs ?? 300_000,
  });
  const cache = createCacheMethods(send);
  const client: QuireClient = {
    baseUrl,
    ...createAccessMethods(send),
    ...createProjectMethods(send),
    ...createChangeRequestMethods(send),
    runPrompt: runs.runPrompt,
    streamPrompt: runs.streamPrompt,
    cacheStatistics: cache.cacheStatistics,
    invalidateCache: cache.invalidateCache,
    ...createPromptMethods(send),
    ...createExecutionMethods(send),
    ...createEvaluationMethods({
      send,
      baseUrl,
      apiKey: options.apiKey,
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: options.timeoutMs ?? 30_000,
    }),
  };
  return client;
}

function checkedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new QuireError(
      "BAD_REQUEST",
      `The Quire server URL ${JSON.stringify(baseUrl)} is not a URL; use one like http://127.0.0.1:4141.`,
      { details: { baseUrl } },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new QuireError(
      "BAD_REQUEST",
      `The Quire server URL ${JSON.stringify(baseUrl)} must start with http:// or https://.`,
      { details: { baseUrl } },
    );
  }
  return baseUrl.replace(/\/+$/, "");
}
