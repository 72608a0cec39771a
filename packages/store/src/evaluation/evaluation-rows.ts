import type { AssertionSpec, TestCase } from "@quire/core";
import type { Selectable } from "kysely";
import type {
  DatasetRecord,
  EvalCellRecord,
  EvalRunRecord,
  StoredCase,
} from "./evaluation-store.js";
import type {
  DatasetCasesTable,
  DatasetsTable,
  EvalResultsTable,
  EvalRunsTable,
} from "./evaluation-tables.js";

export function toDatasetRecord(
  row: Pick<
    Selectable<DatasetsTable>,
    "name" | "description" | "created_by" | "created_at" | "updated_at"
  > & { case_count: string | number | bigint | null },
): DatasetRecord {
  return {
    name: row.name,
    description: row.description,
    caseCount: Number(row.case_count ?? 0),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toStoredCase(row: Selectable<DatasetCasesTable>): StoredCase {
  const stored: StoredCase = {
    id: row.case_id,
    position: row.position,
    variables: row.variables,
  };
  if (row.expected !== null) stored.expected = row.expected;
  if (Object.keys(row.metadata).length > 0) stored.metadata = row.metadata;
  if (row.assertions.length > 0) stored.assertions = row.assertions as AssertionSpec[];
  return stored;
}

/** A case's column values (JSON as text), at `position`. */
export function caseValues(datasetId: string | number, testCase: TestCase, position: number) {
  return {
    dataset_id: datasetId,
    case_id: testCase.id,
    position,
    variables: JSON.stringify(testCase.variables),
    expected: testCase.expected === undefined ? null : JSON.stringify(testCase.expected),
    metadata: JSON.stringify(testCase.metadata ?? {}),
    assertions: JSON.stringify(testCase.assertions ?? []),
  };
}

const iso = (time: Date | null) => (time === null ? null : time.toISOString());

/** A run's row; from a listing, without `cases` but with their count. */
export function toEvalRunRecord(
  row: Omit<Selectable<EvalRunsTable>, "cases"> & { cases?: unknown[]; case_count?: number },
): EvalRunRecord {
  const cases = (row.cases ?? []) as TestCase[];
  return {
    id: row.id,
    projectId: row.project_id,
    status: row.status as EvalRunRecord["status"],
    plan: row.plan,
    cases,
    caseCount: row.case_count ?? cases.length,
    progress: {
      total: row.total,
      done: row.done,
      passed: row.passed,
      failed: row.failed,
      errored: row.errored,
    },
    summaries: row.summaries,
    error: row.error as EvalRunRecord["error"],
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    leaseOwner: row.lease_owner,
    leaseExpiresAt: iso(row.lease_expires_at),
  };
}

export function toEvalCellRecord(row: Selectable<EvalResultsTable>): EvalCellRecord {
  const cell: EvalCellRecord = {
    promptId: row.prompt_id,
    modelId: row.model_id,
    caseId: row.case_id,
    repeatIndex: row.repeat_index,
    status: row.status as EvalCellRecord["status"],
    output: row.output,
    score: row.score,
    assertions: row.assertions as EvalCellRecord["assertions"],
    latencyMs: row.latency_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedInputTokens: row.cached_input_tokens,
    costUsd: row.cost === null ? null : Number(row.cost),
    cacheHit: row.cache_hit,
    finishedAt: row.finished_at.toISOString(),
  };
  if (row.error !== null) cell.error = row.error as NonNullable<EvalCellRecord["error"]>;
  if (row.provenance !== null) cell.provenance = row.provenance;
  return cell;
}

/** `promptId|modelId|caseId|repeatIndex`, each part percent-encoded: engine's cellKeyString. */
export function cellKeyOf(cell: EvalCellRecord): string {
  return [cell.promptId, cell.modelId, cell.caseId, String(cell.repeatIndex)]
    .map(encodeURIComponent)
    .join("|");
}

export function cellValues(runId: string, cell: EvalCellRecord) {
  return {
    run_id: runId,
    cell_key: cellKeyOf(cell),
    prompt_id: cell.promptId,
    model_id: cell.modelId,
    case_id: cell.caseId,
    repeat_index: cell.repeatIndex,
    status: cell.status,
    output: cell.output,
    score: cell.score,
    assertions: JSON.stringify(cell.assertions),
    latency_ms: cell.latencyMs,
    input_tokens: cell.inputTokens,
    output_tokens: cell.outputTokens,
    cached_input_tokens: cell.cachedInputTokens,
    cost: cell.costUsd,
    cache_hit: cell.cacheHit,
    error: cell.error === undefined ? null : JSON.stringify(cell.error),
    provenance: cell.provenance === undefined ? null : JSON.stringify(cell.provenance),
    finished_at: new Date(cell.finishedAt),
  };
}
