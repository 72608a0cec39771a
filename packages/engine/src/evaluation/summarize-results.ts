import { type Interval, meanWithInterval, percentile, proportionWithInterval } from "@quire/core";
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

/**
 * One summary per prompt × model, in the order each pair first appears in `results` (matrix
 * order for a run's results). Latency percentiles are over the cells that reached a verdict
 * (an errored cell's time says little about the model); tokens count every cell.
 */
export function summarizeResults(results: readonly CellResult[]): EvalSummary[] {
  const groups = new Map<string, CellResult[]>();
  for (const result of results) {
    const key = `${encodeURIComponent(result.promptId)}|${encodeURIComponent(result.modelId)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [result]);
    else group.push(result);
  }
  return [...groups.values()].map(summarizeGroup);
}

function summarizeGroup(cells: CellResult[]): EvalSummary {
  const first = cells[0] as CellResult;
  let passed = 0;
  let failed = 0;
  let errored = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd: number | null = null;
  const scores: number[] = [];
  const latencies: number[] = [];
  for (const cell of cells) {
    if (cell.status === "passed") passed += 1;
    else if (cell.status === "failed") failed += 1;
    else errored += 1;
    if (cell.status !== "errored") {
      scores.push(cell.score);
      latencies.push(cell.latencyMs);
    }
    inputTokens += cell.inputTokens;
    outputTokens += cell.outputTokens;
    if (cell.costUsd !== null) costUsd = (costUsd ?? 0) + cell.costUsd;
  }
  return {
    promptId: first.promptId,
    modelId: first.modelId,
    cells: cells.length,
    passed,
    failed,
    errored,
    passRate: passed + failed === 0 ? null : proportionWithInterval(passed, passed + failed),
    meanScore: scores.length === 0 ? null : meanWithInterval(scores),
    latencyP50Ms: percentile(latencies, 50) ?? null,
    latencyP95Ms: percentile(latencies, 95) ?? null,
    inputTokens,
    outputTokens,
    costUsd,
  };
}
