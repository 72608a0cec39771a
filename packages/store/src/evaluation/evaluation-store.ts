import type { AssertionResult, TestCase } from "@quire/core";
import type { Page } from "../prompt-store.js";

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface DatasetRecord {
  name: string;
  description: string;
  caseCount: number;
  createdBy: string;
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
}

/** A case as stored: a TestCase with its place in the dataset (1-based). */
export type StoredCase = TestCase & { position: number };

export interface NewDataset {
  name: string;
  description?: string | undefined;
  cases?: readonly TestCase[] | undefined;
  createdBy: string;
}

export type EvalRunStatus = "queued" | "running" | "completed" | "cancelled" | "failed";

export interface EvalRunProgress {
  total: number;
  done: number;
  passed: number;
  failed: number;
  errored: number;
}

export interface EvalRunRecord {
  id: string;
  projectId: string;
  status: EvalRunStatus;
  /** The plan as given and resolved (the server's shape; the store keeps it as JSON). */
  plan: Record<string, unknown>;
  /** The snapshot of the cases the run uses (empty in `listRuns`: read the run for it). */
  cases: TestCase[];
  /** How many cases the snapshot holds. */
  caseCount: number;
  progress: EvalRunProgress;
  /** engine's summaries per prompt × model, once finished. */
  summaries: unknown[] | null;
  error: { code: string; message: string } | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
}

export interface NewEvalRun {
  projectId: string;
  plan: Record<string, unknown>;
  cases: readonly TestCase[];
  /** Cells in the matrix (prompts × models × cases × repeat). */
  total: number;
  createdBy: string;
}

/**
 * One finished cell: the same shape as engine's `CellResult` (store cannot import engine; the
 * server passes one for the other).
 */
export interface EvalCellRecord {
  promptId: string;
  modelId: string;
  caseId: string;
  repeatIndex: number;
  status: "passed" | "failed" | "errored";
  output: string;
  score: number;
  assertions: AssertionResult[];
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number | null;
  cacheHit: boolean;
  error?: { class: string; message: string };
  provenance?: unknown;
  finishedAt: string;
}

/** engine's `EvalRunStorage`, structurally: the cells of one run in the database. */
export interface EvalCellStorage {
  finishedCells(): Promise<EvalCellRecord[]>;
  /** Stores cells (a cell already stored is kept as it was) and adds them to the run's progress. */
  save(results: readonly EvalCellRecord[]): Promise<void>;
}

/** Datasets, cases, eval runs (durable jobs) and their results, on PGlite or PostgreSQL. */
export interface EvaluationStore {
  /** CONFLICT when the project has a dataset of that name; cases with repeated ids: CONFLICT. */
  createDataset(projectId: string, dataset: NewDataset): Promise<DatasetRecord>;
  getDataset(projectId: string, name: string): Promise<DatasetRecord | undefined>;
  /** By name; VALIDATION_FAILED on a bad cursor. */
  listDatasets(projectId: string, page: PageRequest): Promise<Page<DatasetRecord>>;
  /** NOT_FOUND for an unknown dataset. */
  updateDataset(
    projectId: string,
    name: string,
    change: { description: string },
  ): Promise<DatasetRecord>;
  /** Deletes it with its cases; false when there was none. Past runs keep their snapshot. */
  deleteDataset(projectId: string, name: string): Promise<boolean>;
  /** In position order; NOT_FOUND for an unknown dataset. */
  listCases(projectId: string, name: string, page: PageRequest): Promise<Page<StoredCase>>;
  /** Every case in position order; NOT_FOUND for an unknown dataset. */
  allCases(projectId: string, name: string): Promise<StoredCase[]>;
  /**
   * Appends cases after the last one, all or nothing: an id already in the dataset (or repeated
   * in `cases`) is CONFLICT and stores none. NOT_FOUND for an unknown dataset.
   */
  addCases(projectId: string, name: string, cases: readonly TestCase[]): Promise<StoredCase[]>;
  /** Replaces every case (ids must be unique: CONFLICT otherwise); NOT_FOUND for an unknown dataset. */
  replaceCases(projectId: string, name: string, cases: readonly TestCase[]): Promise<StoredCase[]>;
  /** false when the dataset has no such case; NOT_FOUND for an unknown dataset. */
  deleteCase(projectId: string, name: string, caseId: string): Promise<boolean>;

  createRun(run: NewEvalRun): Promise<EvalRunRecord>;
  getRun(projectId: string, id: string): Promise<EvalRunRecord | undefined>;
  /** Newest first, without each run's case snapshot (`cases` is empty; `caseCount` is set). */
  listRuns(
    projectId: string,
    page: PageRequest & { status?: EvalRunStatus | undefined },
  ): Promise<Page<EvalRunRecord>>;
  /**
   * Takes the oldest queued run, or a running one whose lease expired (its server died), for
   * `owner` until `leaseMs` from now; `FOR UPDATE SKIP LOCKED`, so claimers never share a run.
   */
  claimRun(owner: string, leaseMs: number): Promise<EvalRunRecord | undefined>;
  /** Extends the lease; false when the run is no longer running for `owner` (cancelled, taken). */
  renewLease(id: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Ends a run `owner` holds; false when it no longer held it (cancelled meanwhile). */
  finishRun(
    id: string,
    owner: string,
    outcome: {
      status: "completed" | "failed";
      summaries?: unknown[];
      error?: { code: string; message: string };
    },
  ): Promise<boolean>;
  /**
   * Gives a run `owner` holds back to the queue (its server is shutting down), so another server
   * takes it at once and resumes it; false when `owner` no longer held it.
   */
  releaseRun(id: string, owner: string): Promise<boolean>;
  /** Cancels a queued or running run (a finished one is returned unchanged); NOT_FOUND if none. */
  cancelRun(projectId: string, id: string): Promise<EvalRunRecord>;
  /** The run's cells, for runEvaluation (through the server's adapter). */
  cellStorage(runId: string): EvalCellStorage;
  /** In the order they finished. */
  listResults(runId: string, page: PageRequest): Promise<Page<EvalCellRecord>>;
}
