import {
  type Execution,
  type ExecutionFeedback,
  type ExecutionFeedbackRequest,
  type ExecutionWithFeedback,
  executionFeedbackSchema,
  executionSchema,
  executionWithFeedbackSchema,
  type IngestExecutionsResponse,
  ingestExecutionsResponseSchema,
  type NewExecution,
  pageSchema,
} from "@quire/core";
import type { Transport } from "./http-transport.js";
import { iteratePages, type Page } from "./page-iterator.js";

export interface ListExecutionsOptions {
  limit?: number;
  cursor?: string;
  prompt?: string;
  /** A version number of `prompt` (needs `prompt`). */
  version?: number;
  model?: string;
  success?: boolean;
  /** Created at or after this time. */
  from?: string | Date;
  /** Created before this time. */
  to?: string | Date;
  /** false: each execution's `variables` and `output` come back null (a lighter page). */
  content?: boolean;
}

export interface ExecutionRequestOptions {
  signal?: AbortSignal;
}

const executionPageSchema = pageSchema(executionSchema);

/** The execution log's routes: ingest, feedback, list and get (`/v1/executions`). */
export function createExecutionMethods(send: Transport) {
  const methods = {
    logExecutions: (
      executions: readonly NewExecution[],
      request?: ExecutionRequestOptions,
    ): Promise<IngestExecutionsResponse> =>
      send({
        method: "POST",
        path: "/v1/executions",
        body: { executions },
        schema: ingestExecutionsResponseSchema,
        signal: request?.signal,
      }),
    addExecutionFeedback: (
      id: string,
      feedback: ExecutionFeedbackRequest,
      request?: ExecutionRequestOptions,
    ): Promise<ExecutionFeedback> =>
      send({
        method: "POST",
        path: `/v1/executions/${encodeURIComponent(id)}/feedback`,
        body: feedback,
        schema: executionFeedbackSchema,
        signal: request?.signal,
      }),
    listExecutions: (
      list: ListExecutionsOptions = {},
      request?: ExecutionRequestOptions,
    ): Promise<Page<Execution>> => {
      const { from, to, ...filters } = list;
      return send({
        method: "GET",
        path: "/v1/executions",
        query: {
          ...filters,
          from: from instanceof Date ? from.toISOString() : from,
          to: to instanceof Date ? to.toISOString() : to,
        },
        schema: executionPageSchema,
        signal: request?.signal,
      });
    },
    iterateExecutions: (
      list: Omit<ListExecutionsOptions, "cursor"> = {},
    ): AsyncGenerator<Execution, void, undefined> =>
      iteratePages((cursor) => methods.listExecutions({ ...list, cursor })),
    getExecution: (id: string, request?: ExecutionRequestOptions): Promise<ExecutionWithFeedback> =>
      send({
        method: "GET",
        path: `/v1/executions/${encodeURIComponent(id)}`,
        schema: executionWithFeedbackSchema,
        signal: request?.signal,
      }),
  };
  return methods;
}
