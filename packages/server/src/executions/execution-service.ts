import {
  type Execution,
  type ExecutionFeedback,
  type ExecutionFeedbackRequest,
  type ExecutionWithFeedback,
  type IngestExecutionsResponse,
  type ListExecutionsQuery,
  maximumExecutionBatchSize,
  QuireError,
} from "@quire/core";
import type { ExecutionStore, NewExecutionRecord, Page } from "@quire/store";
import { type IndexedRecord, insertIsolatingBadRecords } from "./insert-isolating-bad-records.js";
import { validateExecutionRecord } from "./validate-execution-record.js";

/** The execution log's operations behind the HTTP routes; every write goes through here. */
export class ExecutionService {
  private readonly storeContent: boolean;

  constructor(
    private readonly store: ExecutionStore,
    options: { storeExecutionContent?: boolean } = {},
  ) {
    this.storeContent = options.storeExecutionContent !== false;
  }

  /**
   * Validates each record on its own, stores the valid ones (a record the database still
   * refuses is isolated and reported alone), and tells the outcome of every index. More than
   * `maximumExecutionBatchSize` records is refused whole (PAYLOAD_TOO_LARGE), storing nothing.
   */
  async ingest(records: readonly unknown[]): Promise<IngestExecutionsResponse> {
    if (records.length > maximumExecutionBatchSize) {
      throw new QuireError(
        "PAYLOAD_TOO_LARGE",
        `A batch holds at most ${maximumExecutionBatchSize} executions; this one has ${records.length}. Send it as several batches.`,
        { details: { limit: maximumExecutionBatchSize, received: records.length } },
      );
    }
    const valid: IndexedRecord[] = [];
    const rejected: IngestExecutionsResponse["rejected"] = [];
    records.forEach((value, index) => {
      const validation = validateExecutionRecord(index, value);
      if (validation.valid) valid.push({ index, record: this.kept(validation.record) });
      else rejected.push({ index, error: validation.error.toJSON() });
    });
    const { outcomes, refused } = await insertIsolatingBadRecords(this.store, valid);
    for (const { index, error } of refused) rejected.push({ index, error: error.toJSON() });
    rejected.sort((left, right) => left.index - right.index);
    const accepted: IngestExecutionsResponse["accepted"] = [];
    const duplicates: IngestExecutionsResponse["duplicates"] = [];
    for (const { index } of valid) {
      const outcome = outcomes.get(index);
      if (outcome === undefined) continue;
      (outcome.duplicate ? duplicates : accepted).push({ index, id: outcome.id });
    }
    return { accepted, duplicates, rejected };
  }

  /** The record without variables and output when content logging is off. */
  private kept(record: NewExecutionRecord): NewExecutionRecord {
    if (this.storeContent) return record;
    const { variables: _variables, output: _output, ...rest } = record;
    return rest;
  }

  addFeedback(
    executionId: string,
    request: ExecutionFeedbackRequest,
    author: string,
  ): Promise<ExecutionFeedback> {
    return this.store.addFeedback(executionId, {
      score: request.score,
      comment: request.comment ?? "",
      author,
    });
  }

  listExecutions(query: ListExecutionsQuery): Promise<Page<Execution>> {
    return this.store.listExecutions(query);
  }

  async getExecution(id: string): Promise<ExecutionWithFeedback> {
    const execution = await this.store.getExecution(id);
    if (execution === undefined) {
      throw new QuireError(
        "NOT_FOUND",
        `Execution ${JSON.stringify(id)} does not exist: use an id returned by POST /v1/executions or listed by GET /v1/executions.`,
        { details: { execution: id } },
      );
    }
    return execution;
  }
}
