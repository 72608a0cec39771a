import type { Interval } from "@quire/core";
import type { CellResult } from "./cell-result.js";

/** One prompt × model column of a run. */
export interface EvalSummary {
  promptId: string;
  modelId: string;
  cells: number;
  passed: number;
  failed: number;
  errored: number;
  /** Passed over passed + failed (errored cells excluded), with its Wilson interval; null if none. */
  passRate: Interval | null;
  /** Mean score over non-errored cells with its t interval; null if none. */
  meanScore: Interval | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Sum over priced cells; null when no cell had a price. */
  costUsd: number | null;
}

export function summarizeResults(_results: readonly CellResult[]): EvalSummary[] {
  throw new Error("not implemented yet");
}
