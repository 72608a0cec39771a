import {
  type CreatePromptRequest,
  type CreateVersionRequest,
  type CreateVersionResponse,
  createVersionResponseSchema,
  type GetPromptResponse,
  getPromptResponseSchema,
  type LabelMove,
  labelMoveSchema,
  type Prompt,
  pageSchema,
  promptSchema,
  QuireError,
  type RenderResponse,
  renderResponseSchema,
  type Version,
  type VersionDiff,
  versionDiffSchema,
  versionSchema,
} from "@quire/core";
import { createTransport } from "./http-transport.js";
import { iteratePages, type Page } from "./page-iterator.js";
import { promptPath } from "./prompt-path.js";

export interface QuireClientOptions {
  /** Where the server listens, e.g. `http://127.0.0.1:4141`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` on every request. */
  apiKey: string;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** How long one request may take before it fails with UNAVAILABLE (default 30 000 ms). */
  timeoutMs?: number;
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
}

/** One method per route of Quire's HTTP API. Every failure is a QuireError. */
export interface QuireClient {
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
  ): Promise<LabelMove>;
  labelHistory(
    name: string,
    options?: PageOptions,
    request?: RequestOptions,
  ): Promise<Page<LabelMove>>;
  diff(name: string, from: number, to: number, request?: RequestOptions): Promise<VersionDiff>;
  render(name: string, options?: RenderOptions, request?: RequestOptions): Promise<RenderResponse>;
}

const promptPageSchema = pageSchema(promptSchema);
const versionPageSchema = pageSchema(versionSchema);
const labelMovePageSchema = pageSchema(labelMoveSchema);

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

  const client: QuireClient = {
    baseUrl,
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
        schema: labelMoveSchema,
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
      const { variables, strict, ...selector } = render;
      selectorQuery(selector);
      return send({
        method: "POST",
        path: promptPath(name, "render"),
        body: {
          ...selector,
          variables: variables ?? {},
          ...(strict === undefined ? {} : { strict }),
        },
        schema: renderResponseSchema,
        signal: request?.signal,
      });
    },
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
