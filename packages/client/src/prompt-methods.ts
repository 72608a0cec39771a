import {
  type ComponentInclusionResponse,
  type CreatePromptRequest,
  type CreateVersionRequest,
  type CreateVersionResponse,
  changeRequestSchema,
  componentInclusionSchema,
  createVersionResponseSchema,
  type GetPromptResponse,
  getPromptResponseSchema,
  type LabelMove,
  type LabelMoveOutcome,
  labelMoveSchema,
  type Prompt,
  pageSchema,
  promptSchema,
  QuireError,
  type RenderFormat,
  type RenderResponse,
  renderResponseSchema,
  type Version,
  type VersionDiff,
  versionDiffSchema,
  versionSchema,
} from "@quire/core";
import { z } from "zod";
import type { Transport } from "./http-transport.js";
import { iteratePages, type Page } from "./page-iterator.js";
import { promptPath } from "./prompt-path.js";

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

/** Prompts, their versions and labels, renders and what includes a prompt. */
export interface PromptMethods {
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

/** The prompt registry's routes: prompts, versions, labels, diff, render, used-by. */
export function createPromptMethods(send: Transport): PromptMethods {
  const writeHeaders = (write: WriteOptions | undefined): Record<string, string> =>
    write?.idempotencyKey === undefined ? {} : { "idempotency-key": write.idempotencyKey };
  const methods: PromptMethods = {
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
      iteratePages((cursor) => methods.listPrompts({ ...list, cursor })),
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
      iteratePages((cursor) => methods.listVersions(name, { ...page, cursor })),
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
      iteratePages((cursor) => methods.usedBy(name, { ...page, cursor })),
  };
  return methods;
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
