import {
  type CaseFromExecutionRequest,
  type CreateDatasetRequest,
  type CreateEvalRunRequest,
  casesResponseSchema,
  type Dataset,
  type DatasetCase,
  datasetCaseSchema,
  datasetSchema,
  type EvalResult,
  type EvalRun,
  type EvalRunComparison,
  type EvalRunStatus,
  evalResultSchema,
  evalRunComparisonSchema,
  evalRunSchema,
  type ImportDatasetResponse,
  importDatasetResponseSchema,
  pageSchema,
  type TestCase,
} from "@quire/core";
import { type EvalRunEvent, watchRun } from "./eval-run-watch.js";

export type { EvalRunEvent };

import type { Transport } from "./http-transport.js";
import { iteratePages, type Page } from "./page-iterator.js";
import { checked, rawRequester } from "./raw-request.js";

export type DatasetFileFormat = "csv" | "json" | "jsonl";

export interface EvaluationRequestOptions {
  signal?: AbortSignal;
}

/** A write a client may retry: the same `idempotencyKey` makes the server answer it once. */
export interface EvaluationWriteOptions extends EvaluationRequestOptions {
  idempotencyKey?: string;
}

const writeHeaders = (write: EvaluationWriteOptions | undefined): Record<string, string> =>
  write?.idempotencyKey === undefined ? {} : { "idempotency-key": write.idempotencyKey };

export interface EvaluationPageOptions {
  limit?: number;
  cursor?: string;
}

export interface EvaluationMethodsOptions {
  send: Transport;
  baseUrl: string;
  apiKey: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}

const datasetPageSchema = pageSchema(datasetSchema);
const casePageSchema = pageSchema(datasetCaseSchema);
const runPageSchema = pageSchema(evalRunSchema);
const resultPageSchema = pageSchema(evalResultSchema);

const fileContentTypes: Record<DatasetFileFormat, string> = {
  csv: "text/csv",
  json: "application/json",
  jsonl: "application/x-ndjson",
};

const datasetPath = (name: string, ...rest: string[]) =>
  ["/v1/datasets", encodeURIComponent(name), ...rest.map(encodeURIComponent)].join("/");
const runPath = (id: string, ...rest: string[]) =>
  ["/v1/eval-runs", encodeURIComponent(id), ...rest].join("/");

/** Datasets, cases and eval runs (`/v1/datasets`, `/v1/eval-runs`). */
export function createEvaluationMethods(options: EvaluationMethodsOptions) {
  const { send } = options;
  const raw = rawRequester(options);
  const methods = {
    createDataset: (
      dataset: CreateDatasetRequest,
      request?: EvaluationWriteOptions,
    ): Promise<Dataset> =>
      send({
        method: "POST",
        path: "/v1/datasets",
        body: dataset,
        schema: datasetSchema,
        headers: writeHeaders(request),
        signal: request?.signal,
      }),
    listDatasets: (
      page: EvaluationPageOptions = {},
      request?: EvaluationRequestOptions,
    ): Promise<Page<Dataset>> =>
      send({
        method: "GET",
        path: "/v1/datasets",
        query: { ...page },
        schema: datasetPageSchema,
        signal: request?.signal,
      }),
    iterateDatasets: (
      page: Omit<EvaluationPageOptions, "cursor"> = {},
    ): AsyncGenerator<Dataset, void, undefined> =>
      iteratePages((cursor) => methods.listDatasets({ ...page, cursor })),
    getDataset: (name: string, request?: EvaluationRequestOptions): Promise<Dataset> =>
      send({
        method: "GET",
        path: datasetPath(name),
        schema: datasetSchema,
        signal: request?.signal,
      }),
    updateDataset: (
      name: string,
      change: { description: string },
      request?: EvaluationRequestOptions,
    ): Promise<Dataset> =>
      send({
        method: "PUT",
        path: datasetPath(name),
        body: change,
        schema: datasetSchema,
        signal: request?.signal,
      }),
    /** Answers the dataset as it was. */
    deleteDataset: (name: string, request?: EvaluationRequestOptions): Promise<Dataset> =>
      send({
        method: "DELETE",
        path: datasetPath(name),
        schema: datasetSchema,
        signal: request?.signal,
      }),
    listCases: (
      name: string,
      page: EvaluationPageOptions = {},
      request?: EvaluationRequestOptions,
    ): Promise<Page<DatasetCase>> =>
      send({
        method: "GET",
        path: datasetPath(name, "cases"),
        query: { ...page },
        schema: casePageSchema,
        signal: request?.signal,
      }),
    iterateCases: (
      name: string,
      page: Omit<EvaluationPageOptions, "cursor"> = {},
    ): AsyncGenerator<DatasetCase, void, undefined> =>
      iteratePages((cursor) => methods.listCases(name, { ...page, cursor })),
    addCases: async (
      name: string,
      cases: readonly TestCase[],
      request?: EvaluationWriteOptions,
    ): Promise<DatasetCase[]> =>
      (
        await send({
          method: "POST",
          path: datasetPath(name, "cases"),
          body: { cases },
          schema: casesResponseSchema,
          headers: writeHeaders(request),
          signal: request?.signal,
        })
      ).items,
    replaceCases: async (
      name: string,
      cases: readonly TestCase[],
      request?: EvaluationRequestOptions,
    ): Promise<DatasetCase[]> =>
      (
        await send({
          method: "PUT",
          path: datasetPath(name, "cases"),
          body: { cases },
          schema: casesResponseSchema,
          signal: request?.signal,
        })
      ).items,
    /** Answers the case as it was. */
    deleteCase: (
      name: string,
      caseId: string,
      request?: EvaluationRequestOptions,
    ): Promise<DatasetCase> =>
      send({
        method: "DELETE",
        path: datasetPath(name, "cases", caseId),
        schema: datasetCaseSchema,
        signal: request?.signal,
      }),
    saveExecutionAsCase: (
      name: string,
      from: CaseFromExecutionRequest,
      request?: EvaluationWriteOptions,
    ): Promise<DatasetCase> =>
      send({
        method: "POST",
        path: `${datasetPath(name, "cases")}/from-execution`,
        body: from,
        schema: datasetCaseSchema,
        headers: writeHeaders(request),
        signal: request?.signal,
      }),
    /** Appends the cases of a CSV, JSON or JSONL file (sent as text); a bad file stores nothing. */
    importDataset: async (
      name: string,
      text: string,
      format: DatasetFileFormat,
      request?: EvaluationWriteOptions,
    ): Promise<ImportDatasetResponse> => {
      const response = await raw(
        "POST",
        `${datasetPath(name, "import")}?format=${format}`,
        request,
        {
          body: text,
          contentType: fileContentTypes[format],
          headers: writeHeaders(request),
        },
      );
      return checked(
        importDatasetResponseSchema,
        JSON.parse(await response.text()),
        `POST ${datasetPath(name, "import")}`,
      );
    },
    /** The dataset's cases as a file's text. */
    exportDataset: async (
      name: string,
      format: DatasetFileFormat,
      request?: EvaluationRequestOptions,
    ): Promise<string> =>
      (await raw("GET", `${datasetPath(name, "export")}?format=${format}`, request)).text(),
    /** Queues a run (the server answers 202 at once); follow it with `watchEvalRun`. */
    startEvalRun: (run: CreateEvalRunRequest, request?: EvaluationWriteOptions): Promise<EvalRun> =>
      send({
        method: "POST",
        path: "/v1/eval-runs",
        body: run,
        schema: evalRunSchema,
        headers: writeHeaders(request),
        signal: request?.signal,
      }),
    listEvalRuns: (
      page: EvaluationPageOptions & { status?: EvalRunStatus } = {},
      request?: EvaluationRequestOptions,
    ): Promise<Page<EvalRun>> =>
      send({
        method: "GET",
        path: "/v1/eval-runs",
        query: { ...page },
        schema: runPageSchema,
        signal: request?.signal,
      }),
    getEvalRun: (id: string, request?: EvaluationRequestOptions): Promise<EvalRun> =>
      send({ method: "GET", path: runPath(id), schema: evalRunSchema, signal: request?.signal }),
    cancelEvalRun: (id: string, request?: EvaluationRequestOptions): Promise<EvalRun> =>
      send({
        method: "POST",
        path: runPath(id, "cancel"),
        schema: evalRunSchema,
        signal: request?.signal,
      }),
    listEvalResults: (
      id: string,
      page: EvaluationPageOptions = {},
      request?: EvaluationRequestOptions,
    ): Promise<Page<EvalResult>> =>
      send({
        method: "GET",
        path: runPath(id, "results"),
        query: { ...page },
        schema: resultPageSchema,
        signal: request?.signal,
      }),
    iterateEvalResults: (
      id: string,
      page: Omit<EvaluationPageOptions, "cursor"> = {},
    ): AsyncGenerator<EvalResult, void, undefined> =>
      iteratePages((cursor) => methods.listEvalResults(id, { ...page, cursor })),
    compareEvalRuns: (
      baseline: string,
      candidate: string,
      compare: { pairBy?: "case-and-model" | "case-and-prompt" | "case"; alpha?: number } = {},
      request?: EvaluationRequestOptions,
    ): Promise<EvalRunComparison> =>
      send({
        method: "GET",
        path: "/v1/eval-runs/compare",
        query: { baseline, candidate, ...compare },
        schema: evalRunComparisonSchema,
        signal: request?.signal,
      }),
    /** Progress events as cells finish, then `done` with the finished run; the loop then ends. */
    watchEvalRun: (
      id: string,
      request?: EvaluationRequestOptions,
    ): AsyncGenerator<EvalRunEvent, void, undefined> =>
      watchRun(options, runPath(id, "events"), request),
  };
  return methods;
}

export type EvaluationMethods = ReturnType<typeof createEvaluationMethods>;
