import type { AssertionServices, GenerationParameters } from "@quire/core";
import type { ResponseCache } from "@quire/llm";
import type { CellResult } from "./cell-result.js";
import type { EvalPlan } from "./eval-plan.js";
import type { EvalRunStorage } from "./eval-run-storage.js";
import type { EvalSummary } from "./summarize-results.js";

export interface EvalProgress {
  total: number;
  done: number;
  passed: number;
  failed: number;
  errored: number;
  /** The cell that just finished (absent for the first event, sent once resumed cells are counted). */
  cell?: CellResult;
}

export interface RunEvaluationOptions {
  plan: EvalPlan;
  /** Default: in memory (no resume). */
  storage?: EvalRunStorage;
  /** Cells in flight at once (default 4). */
  concurrency?: number;
  /** Applied over every model's and prompt's parameters. */
  params?: GenerationParameters;
  /**
   * Provider calls go through it when given (keyed by model, rendered messages and parameters;
   * answers cached whatever the temperature). Undefined: every call reaches the model.
   */
  cache?: ResponseCache;
  services?: AssertionServices;
  onProgress?: (progress: EvalProgress) => void;
  /** Cancels: cells in flight are abandoned (not stored), the outcome says `cancelled`. */
  signal?: AbortSignal;
}

export interface EvalRunOutcome {
  status: "completed" | "cancelled";
  /** Every finished cell, resumed ones included, in matrix order. */
  results: CellResult[];
  summaries: EvalSummary[];
}

/**
 * Runs the matrix with bounded concurrency: render, call (through the cache), assert, store. A
 * provider failure marks its cell errored and the run goes on; finished cells in `storage` are
 * skipped (resume).
 */
export async function runEvaluation(_options: RunEvaluationOptions): Promise<EvalRunOutcome> {
  throw new Error("not implemented yet");
}
