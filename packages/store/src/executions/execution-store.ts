import type {
  Execution,
  ExecutionFeedback,
  ExecutionWithFeedback,
  ListExecutionsQuery,
  NewExecution,
} from "@quire/core";
import type { Page } from "../prompt-store.js";

/** Until projects exist, every execution belongs to this one. */
export const defaultProject = "default";

/**
 * A record to store. `id` may be given (a UUID) by a caller that must know it before the insert,
 * as the log writer does; a record whose `id` and `createdAt` are both already stored is then
 * skipped, so retrying an insert whose outcome was lost stores nothing twice. Variables and
 * output are capped at 64 KB each on the way in (`capExecutionContent`); a caller that capped
 * them already (to bound what it buffers) says so with `contentTruncated`.
 */
export type NewExecutionRecord = NewExecution & { id?: string; contentTruncated?: boolean };

/** What became of one record of a batch. */
export interface InsertedExecution {
  /** The execution's id: the new one, or for a duplicate the one already stored. */
  id: string;
  /** true when the record's clientId was already stored (or came earlier in the batch). */
  duplicate: boolean;
}

export interface NewFeedback {
  score: number;
  comment: string;
  /** Who sent it (the API key's name). */
  author: string;
}

export type ExecutionListQuery = Omit<ListExecutionsQuery, "limit"> & {
  limit: number;
  project?: string;
};

/**
 * The execution log's storage, on PGlite or PostgreSQL (the same SQL). Records are expected to
 * have passed `newExecutionSchema`; the database still refuses what it cannot store (negative
 * counts, NUL characters), and then the whole batch fails (see `insertExecutions`).
 */
export interface ExecutionStore {
  /**
   * Stores a batch in one statement (one round trip) and tells, per record and in input order,
   * its id and whether it was a duplicate. A record whose `clientId` is already stored in the
   * project, or repeated earlier in the batch, is not stored again. All or nothing: a record
   * the database refuses fails the whole batch with a QuireError (VALIDATION_FAILED for
   * unstorable text, INTERNAL with `details.databaseCode` otherwise, UNAVAILABLE when the
   * database is unreachable: retry). Times without `createdAt` get the time of the call.
   */
  insertExecutions(
    records: readonly NewExecutionRecord[],
    options?: { project?: string },
  ): Promise<InsertedExecution[]>;
  /** NOT_FOUND when no execution has this id. */
  addFeedback(executionId: string, feedback: NewFeedback): Promise<ExecutionFeedback>;
  /** Newest first; `nextCursor` continues after the last item. VALIDATION_FAILED on a bad cursor. */
  listExecutions(query: ExecutionListQuery): Promise<Page<Execution>>;
  /** The execution with its feedback (oldest first), or undefined. */
  getExecution(id: string): Promise<ExecutionWithFeedback | undefined>;
  /**
   * Creates the monthly partitions from this month to `monthsAhead` (default 3) months ahead
   * that are missing; returns how many it created. Run at open and twice a day by the store.
   */
  ensurePartitions(monthsAhead?: number): Promise<number>;
}
