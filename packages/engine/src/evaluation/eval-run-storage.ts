import type { CellResult } from "./cell-result.js";

/**
 * Where a run keeps its results as they finish, so a run that crashed or was cancelled resumes
 * without redoing finished cells. The CLI keeps them in a JSONL file; the server in the database.
 */
export interface EvalRunStorage {
  /** Results already stored for this run (empty for a new run). */
  finishedCells(): Promise<CellResult[]>;
  /** Stores finished cells; called in batches, never concurrently with itself. */
  save(results: readonly CellResult[]): Promise<void>;
}

/** Keeps results in memory: a run that cannot resume (tests, one-off runs). */
export function memoryEvalRunStorage(initial: readonly CellResult[] = []): EvalRunStorage & {
  readonly results: CellResult[];
} {
  const results = [...initial];
  return {
    results,
    finishedCells: async () => [...results],
    save: async (batch) => {
      results.push(...batch);
    },
  };
}
