import { isQuireError, QuireError } from "@quire/core";
import type { ExecutionStore, InsertedExecution, NewExecutionRecord } from "@quire/store";

export interface IndexedRecord {
  /** The record's position in what the caller sent. */
  index: number;
  record: NewExecutionRecord;
}

export interface RefusedRecord {
  index: number;
  error: QuireError;
}

export interface IsolatedInsertResult {
  /** Outcome by index, for every record that was stored or was a duplicate. */
  outcomes: Map<number, InsertedExecution>;
  /** Records the database refused, alone. */
  refused: RefusedRecord[];
}

/**
 * Whether a failed insert was refused for its data (a value the database cannot store, a check
 * that failed: SQLSTATE classes 22 and 23), as opposed to the database being unreachable or
 * broken, which no splitting can help.
 */
export function isDataRefusal(error: unknown): boolean {
  if (!isQuireError(error)) return false;
  if (error.code === "VALIDATION_FAILED") return true;
  const databaseCode = error.details.databaseCode;
  return typeof databaseCode === "string" && /^2[23]/.test(databaseCode);
}

/**
 * Inserts a batch in one statement; when the database refuses the batch for one record's data,
 * splits it in halves until the refused records stand alone, so one bad record costs only
 * itself (log2 of the batch in extra statements per bad record). Other failures (UNAVAILABLE,
 * INTERNAL) are thrown: halves stored before such a failure stay stored, which is safe to retry
 * when records carry a clientId or an id.
 */
export async function insertIsolatingBadRecords(
  store: Pick<ExecutionStore, "insertExecutions">,
  records: readonly IndexedRecord[],
): Promise<IsolatedInsertResult> {
  const result: IsolatedInsertResult = { outcomes: new Map(), refused: [] };
  await insertPart(store, records, result);
  return result;
}

async function insertPart(
  store: Pick<ExecutionStore, "insertExecutions">,
  records: readonly IndexedRecord[],
  result: IsolatedInsertResult,
): Promise<void> {
  if (records.length === 0) return;
  try {
    const outcomes = await store.insertExecutions(records.map((entry) => entry.record));
    outcomes.forEach((outcome, position) => {
      const entry = records[position];
      if (entry !== undefined) result.outcomes.set(entry.index, outcome);
    });
  } catch (error) {
    if (!isDataRefusal(error)) throw error;
    const [only] = records;
    if (records.length === 1 && only !== undefined) {
      result.refused.push({ index: only.index, error: refusal(only.index, error) });
      return;
    }
    const middle = Math.ceil(records.length / 2);
    await insertPart(store, records.slice(0, middle), result);
    await insertPart(store, records.slice(middle), result);
  }
}

function refusal(index: number, error: unknown): QuireError {
  const reason = error instanceof Error ? error.message : String(error);
  return new QuireError("VALIDATION_FAILED", `Execution ${index} could not be stored: ${reason}`, {
    details: { index, ...(isQuireError(error) ? error.details : {}) },
    cause: error,
  });
}
