import {
  type CacheStatisticsResponse,
  type ComponentInclusionResponse,
  type CreatePromptRequest,
  type CreateVersionRequest,
  type CreateVersionResponse,
  changeRequestSchema,
  componentInclusionSchema,
  createVersionResponseSchema,
  type Execution,
  type ExecutionFeedback,
  type ExecutionFeedbackRequest,
  type ExecutionWithFeedback,
  type GetPromptResponse,
  getPromptResponseSchema,
  type IngestExecutionsResponse,
  type InvalidateCacheResponse,
  type LabelMove,
  type LabelMoveOutcome,
  labelMoveSchema,
  type NewExecution,
  type Prompt,
  pageSchema,
  promptSchema,
  QuireError,
  type RenderFormat,
  type RenderResponse,
  type RunResponse,
  type RunStreamEvent,
  renderResponseSchema,
  type Version,
  type VersionDiff,
  versionDiffSchema,
  versionSchema,
} from "@quire/core";
import { z } from "zod";
import { type AccessMethods, createAccessMethods } from "./access-methods.js";
import { type CacheInvalidationTarget, createCacheMethods } from "./cache-methods.js";
import { type ChangeRequestMethods, createChangeRequestMethods } from "./change-request-methods.js";
import { createEvaluationMethods, type EvaluationMethods } from "./evaluation-methods.js";
import { createExecutionMethods, type ListExecutionsOptions } from "./execution-methods.js";
import { createTransport } from "./http-transport.js";
import { iteratePages, type Page } from "./page-iterator.js";
import { createProjectMethods, type ProjectMethods } from "./project-methods.js";
import { promptPath } from "./prompt-path.js";
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

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends RequestOptions {
  /** Sent as `Idempotency-Key`, so a retried write is applied once. */
  idempotencyKey?: string;
}

export interface PageOptions {
  limit?: number;
  cursor?: string;
}

export interface ListPromptsOptions extends PageOptions {
  /** Text found in the name, description or tags. */
  search?: string;
  /** Folder prefix, e.g. `support/`. */
  prefix?: string;
  tag?: string;
}

/** Which version to fetch: by label, by number, or (neither) the server's default, `production`. */
export interface VersionSelector {
  label?: string;
  version?: number;
}

export interface MoveLabelOptions extends WriteOptions {
  reason?: string;
}

export interface RenderOptions extends VersionSelector {
  variables?: Record<string, unknown>;
  /** Refuse variables the input schema does not declare. */
  strict?: boolean;
  /** Also answer the provider payload (`formatted`): openai, anthropic, gemini, chatml, llama3. */
  format?: RenderFormat;
  /** Also count the rendered prompt's tokens for this model (`tokens`). */
  model?: string;
}

export interface UsedByOptions extends PageOptions {
  /** `current` (default): includers' latest and labeled versions; `all`: every version. */
  versions?: "current" | "all";
}

/** One method per route of Quire's HTTP API. Every failure is a QuireError. */
export interface QuireClient extends EvaluationMethods, ChangeRequestMethods {
  readonly baseUrl: string;
  createPrompt(
    request: CreatePromptRequest,
    options?: WriteOptions,
  ): Promise<CreateVersionResponse>;
  listPrompts(options?: ListPromptsOptions, request?: RequestOptions): Promise<Page<Prompt>>;
  /** Every prompt matching the filters, fetching pages as the loop goes. */
  iteratePrompts(
    options?: Omit<ListPromptsOptions, "cursor">,
  ): AsyncGenerator<Prompt, void, undefined>;
  getPrompt(
    name: string,
    selector?: VersionSelector,
    request?: RequestOptions,
  ): Promise<GetPromptResponse>;
  createVersion(
    name: string,
    request: CreateVersionRequest,
    options?: WriteOptions,
  ): Promise<CreateVersionResponse>;
  listVersions(
    name: string,
    options?: PageOptions,
    request?: RequestOptions,
  ): Promise<Page<Version>>;
  iterateVersions(
    name: string,
    options?: Omit<PageOptions, "cursor">,
  ): AsyncGenerator<Version, void, undefined>;
  moveLabel(
    name: string,
    label: string,
    version: number,
    options?: MoveLabelOptions,
  ): Promise<LabelMoveOutcome>;
  labelHistory(
    name: string,
    options?: PageOptions,
    request?: RequestOptions,
  ): Promise<Page<LabelMove>>;
  diff(name: string, from: number, to: number, request?: RequestOptions): Promise<VersionDiff>;
  render(name: string, options?: RenderOptions, request?: RequestOptions): Promise<RenderResponse>;
  /** The prompts and versions that include `name` as a component (`{{> name…}}`). */
  usedBy(
    name: string,
    options?: UsedByOptions,
    request?: RequestOptions,
  ): Promise<Page<ComponentInclusionResponse>>;
  /** Every includer, fetching pages as the loop goes. */
  iterateUsedBy(
    name: string,
    options?: Omit<UsedByOptions, "cursor">,
  ): AsyncGenerator<ComponentInclusionResponse, void, undefined>;
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

const promptPageSchema = pageSchema(promptSchema);
const versionPageSchema = pageSchema(versionSchema);
const labelMovePageSchema = pageSchema(labelMoveSchema);
// 200 is the move; 202 a change request (the two-person rule), told apart by its fields.
const labelMoveOutcomeSchema = z
  .union([labelMoveSchema, changeRequestSchema])
  .transform(
    (answer): LabelMoveOutcome =>
      "movedAt" in answer
        ? { status: "moved", move: answer }
        : { status: "pending-approval", changeRequest: answer },
  );
const inclusionPageSchema = pageSchema(componentInclusionSchema);

export function createQuireClient(options: QuireClientOptions): QuireClient {
  const baseUrl = checkedBaseUrl(options.baseUrl);
  const send = createTransport({
    baseUrl,
    apiKey: options.apiKey,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const writeHeaders = (write: WriteOptions | undefined): Record<string, string> =>
    write?.idempotencyKey === undefined ? {} : { "idempotency-key": write.idempotencyKey };

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
    createPrompt: (request, write) =>
      send({
        method: "POST",
        path: "/v1/prompts",
        body: request,
        schema: createVersionResponseSchema,
        headers: writeHeaders(write),
        signal: write?.signal,
      }),
    listPrompts: (list = {}, request) =>
      send({
        method: "GET",
        path: "/v1/prompts",
        query: { ...list },
        schema: promptPageSchema,
        signal: request?.signal,
      }),
    iteratePrompts: (list = {}) =>
      iteratePages((cursor) => client.listPrompts({ ...list, cursor })),
    getPrompt: (name, selector = {}, request) =>
      send({
        method: "GET",
        path: promptPath(name),
        query: selectorQuery(selector),
        schema: getPromptResponseSchema,
        signal: request?.signal,
      }),
    createVersion: (name, request, write) =>
      send({
        method: "POST",
        path: promptPath(name, "versions"),
        body: request,
        schema: createVersionResponseSchema,
        headers: writeHeaders(write),
        signal: write?.signal,
      }),
    listVersions: (name, page = {}, request) =>
      send({
        method: "GET",
        path: promptPath(name, "versions"),
        query: { ...page },
        schema: versionPageSchema,
        signal: request?.signal,
      }),
    iterateVersions: (name, page = {}) =>
      iteratePages((cursor) => client.listVersions(name, { ...page, cursor })),
    moveLabel: (name, label, version, move) =>
      send({
        method: "PUT",
        path: promptPath(name, "labels", label),
        body: { version, ...(move?.reason === undefined ? {} : { reason: move.reason }) },
        schema: labelMoveOutcomeSchema,
        headers: writeHeaders(move),
        signal: move?.signal,
      }),
    labelHistory: (name, page = {}, request) =>
      send({
        method: "GET",
        path: promptPath(name, "labels", "history"),
        query: { ...page },
        schema: labelMovePageSchema,
        signal: request?.signal,
      }),
    diff: (name, from, to, request) =>
      send({
        method: "GET",
        path: promptPath(name, "diff"),
        query: { from, to },
        schema: versionDiffSchema,
        signal: request?.signal,
      }),
    render: (name, render = {}, request) => {
      const { variables, strict, format, model, ...selector } = render;
      selectorQuery(selector);
      return send({
        method: "POST",
        path: promptPath(name, "render"),
        body: {
          ...selector,
          variables: variables ?? {},
          ...(strict === undefined ? {} : { strict }),
          ...(format === undefined ? {} : { format }),
          ...(model === undefined ? {} : { model }),
        },
        schema: renderResponseSchema,
        signal: request?.signal,
      });
    },
    usedBy: (name, page = {}, request) =>
      send({
        method: "GET",
        path: promptPath(name, "used-by"),
        query: { ...page },
        schema: inclusionPageSchema,
        signal: request?.signal,
      }),
    iterateUsedBy: (name, page = {}) =>
      iteratePages((cursor) => client.usedBy(name, { ...page, cursor })),
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

function selectorQuery(selector: VersionSelector): { label?: string; version?: number } {
  if (selector.label !== undefined && selector.version !== undefined) {
    throw new QuireError(
      "BAD_REQUEST",
      `Pass either a label ("${selector.label}") or a version (${selector.version}), not both.`,
      { details: { label: selector.label, version: selector.version } },
    );
  }
  return { label: selector.label, version: selector.version };
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
