import { setMaxListeners } from "node:events";
import {
  type AssertionServices,
  type GenerationParameters,
  type ModelInfo,
  QuireError,
  type StrategyTool,
  type ToolCallLimits,
} from "@quire/core";
import type { ResponseCache } from "@quire/llm";
import type { CellResult } from "./cell-result.js";
import { type CellKey, cellKeyString, type EvalPlan } from "./eval-plan.js";
import { type EvalRunStorage, memoryEvalRunStorage } from "./eval-run-storage.js";
import { type CellTask, evaluateCell } from "./evaluate-cell.js";
import { checkEvalPlan, matrixCells } from "./matrix-cells.js";
import { ResultBatcher } from "./result-batcher.js";
import { runWithConcurrency } from "./run-cells.js";
import { type EvalSummary, summarizeResults } from "./summarize-results.js";

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
  /**
   * The model table costs are priced with (core's `withModelOverrides` of quire.toml's `[models]`,
   * or the server's); default: the built-in one.
   */
  modelTable?: readonly ModelInfo[];
  /**
   * Tools with handlers that versions may use (ReAct, tool calling): a version's `config.tools`
   * names them. A cell whose version names a tool not given here is errored (class `tools`,
   * naming the missing ones). `config.toolDefinitions` (client-side tools) need none: a cell whose
   * tool calling stops at them has those calls, as JSON, for its output.
   */
  tools?: readonly StrategyTool[];
  /**
   * Bounds on the tool calls of one model round (quire.toml's `[toolCalls]`): how many run at
   * once and how many run at all; default core's (4 and 16).
   */
  toolCallLimits?: ToolCallLimits;
  onProgress?: (progress: EvalProgress) => void;
  /** Cancels: cells in flight are abandoned (not stored), the outcome says `cancelled`. */
  signal?: AbortSignal;
  /**
   * On resume, run errored cells again (a provider outage, a rate limit) instead of keeping them;
   * the new result is saved after the old one, which storage then replaces. Default false.
   */
  redoErrored?: boolean;
  /** Results are saved once this many are waiting (default 50)… */
  saveBatchSize?: number;
  /** …or once the oldest has waited this long, in ms (default 200), and at the end. */
  saveIntervalMs?: number;
}

export interface EvalRunOutcome {
  status: "completed" | "cancelled";
  /** Every finished cell, resumed ones included, in matrix order. */
  results: CellResult[];
  summaries: EvalSummary[];
}

function toolMap(tools: readonly StrategyTool[]): ReadonlyMap<string, StrategyTool> {
  const byName = new Map<string, StrategyTool>();
  for (const tool of tools) {
    if (byName.has(tool.name)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `tools holds two tools named "${tool.name}"; give each tool a name of its own`,
        { details: { path: "tools", name: tool.name } },
      );
    }
    byName.set(tool.name, tool);
  }
  return byName;
}

function checkConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `concurrency must be a whole number of at least 1, got ${String(concurrency)}`,
      { details: { path: "concurrency", value: concurrency } },
    );
  }
  return concurrency;
}

/** Finds a cell's prompt, model and case by id (maps: a plan may hold thousands of cases). */
function taskFinder(plan: EvalPlan): (cell: CellKey) => CellTask {
  const prompts = new Map(plan.prompts.map((prompt) => [prompt.id, prompt]));
  const models = new Map(plan.models.map((model) => [model.id, model]));
  const cases = new Map(plan.cases.map((testCase) => [testCase.id, testCase]));
  return (cell) => {
    const prompt = prompts.get(cell.promptId);
    const model = models.get(cell.modelId);
    const testCase = cases.get(cell.caseId);
    if (prompt === undefined || model === undefined || testCase === undefined) {
      throw new QuireError("INTERNAL", `cell ${cellKeyString(cell)} is not in the plan`);
    }
    return {
      prompt,
      model,
      testCase,
      repeatIndex: cell.repeatIndex,
      assertions: [...(plan.defaultAssertions ?? []), ...(testCase.assertions ?? [])],
    };
  };
}

/**
 * Runs the matrix with bounded concurrency: render, call (through the cache), assert, store. A
 * provider failure marks its cell errored and the run goes on; finished cells in `storage` are
 * skipped (resume). Cells start in matrix order; results are saved in batches, one save at a
 * time, and a failed save stops the run with an INTERNAL QuireError (what it could not keep would
 * otherwise be lost). Cancelling stops starting cells and aborts the model calls in flight; cells
 * that finish after it are not stored.
 */
export async function runEvaluation(options: RunEvaluationOptions): Promise<EvalRunOutcome> {
  const { plan } = options;
  checkEvalPlan(plan);
  const concurrency = checkConcurrency(options.concurrency ?? 4);
  const tools = toolMap(options.tools ?? []);
  const storage = options.storage ?? memoryEvalRunStorage();
  const cells = matrixCells(plan);
  const planned = new Set(cells.map(cellKeyString));

  const finished = new Map<string, CellResult>();
  for (const result of await storage.finishedCells()) {
    const key = cellKeyString(result);
    if (!planned.has(key)) continue;
    if (options.redoErrored === true && result.status === "errored") finished.delete(key);
    else finished.set(key, result);
  }
  const progress = { total: cells.length, done: 0, passed: 0, failed: 0, errored: 0 };
  const count = (result: CellResult) => {
    progress.done += 1;
    progress[result.status] += 1;
  };
  for (const result of finished.values()) count(result);
  options.onProgress?.({ ...progress });

  const stop = new AbortController();
  // Every call in flight listens on it (providers, judges): up to a few per lane is expected.
  setMaxListeners(Math.max(10, concurrency * 4 + 10), stop.signal);
  const cancel = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener("abort", cancel, { once: true });
  let saveFailure: unknown;
  let internalFailure: { error: unknown } | undefined;
  const batcher = new ResultBatcher(storage, {
    ...(options.saveBatchSize === undefined ? {} : { batchSize: options.saveBatchSize }),
    ...(options.saveIntervalMs === undefined ? {} : { maxWaitMs: options.saveIntervalMs }),
    onFailure: (error) => {
      saveFailure = error;
      stop.abort(error);
    },
  });
  const services: AssertionServices = {
    ...options.services,
    signal: options.services?.signal ?? stop.signal,
  };
  const environment = {
    runParams: options.params,
    cache: options.cache,
    services,
    modelTable: options.modelTable,
    tools,
    toolCallLimits: options.toolCallLimits,
    signal: stop.signal,
  };
  const taskFor = taskFinder(plan);
  const todo = cells.filter((cell) => !finished.has(cellKeyString(cell)));

  try {
    await runWithConcurrency(
      todo.length,
      concurrency,
      async (index) => {
        try {
          const cell = todo[index] as CellKey;
          const result = await evaluateCell(taskFor(cell), environment);
          if (stop.signal.aborted) return; // abandoned: cancelled or stopped while it ran
          finished.set(cellKeyString(cell), result);
          batcher.add(result);
          count(result);
          options.onProgress?.({ ...progress, cell: result });
        } catch (error) {
          // A bug or a throwing onProgress: stop the other lanes, save what finished, then fail.
          internalFailure ??= { error };
          stop.abort(error);
        }
      },
      () => stop.signal.aborted,
    );
    await batcher.flush().catch((error: unknown) => {
      saveFailure ??= error;
    });
  } finally {
    options.signal?.removeEventListener("abort", cancel);
  }
  if (internalFailure !== undefined && saveFailure === undefined) throw internalFailure.error;
  if (saveFailure !== undefined) {
    const reason = saveFailure instanceof Error ? saveFailure.message : String(saveFailure);
    throw new QuireError(
      "INTERNAL",
      `saving eval results failed (${reason}); the run was stopped so no more results are lost. Fix the storage and run again: finished cells that were saved are not redone`,
      { cause: saveFailure, details: { reason, done: progress.done, total: progress.total } },
    );
  }
  const results: CellResult[] = [];
  for (const cell of cells) {
    const result = finished.get(cellKeyString(cell));
    if (result !== undefined) results.push(result);
  }
  return {
    status:
      options.signal?.aborted === true && results.length < cells.length ? "cancelled" : "completed",
    results,
    summaries: summarizeResults(results),
  };
}
