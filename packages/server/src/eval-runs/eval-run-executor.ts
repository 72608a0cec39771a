import type { EvalRunPlan, GenerationParameters, ModelInfo, StrategyTool } from "@quire/core";
import { type CellResult, type EvalRunStorage, runEvaluation } from "@quire/engine";
import type { ResponseCache } from "@quire/llm";
import type { EvalCellStorage, EvalRunRecord, EvaluationStore } from "@quire/store";
import type { PromptService } from "../prompts/prompt-service.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import {
  type EvalAssertionServicesOptions,
  evalAssertionServices,
} from "./eval-assertion-services.js";
import type { EvalModels } from "./eval-models.js";
import { buildEvalPlan } from "./eval-plan-builder.js";
import type { EvalProgressHub } from "./eval-progress-hub.js";

export interface EvalRunExecutorDependencies extends EvalAssertionServicesOptions {
  store: EvaluationStore;
  prompts: PromptService;
  models: EvalModels;
  hub: EvalProgressHub;
  /** The server's exact response cache (undefined when caching is off). */
  cache: ResponseCache | undefined;
  /** Prices for cells' costs; undefined: the built-in model table. */
  modelTable?: readonly ModelInfo[] | undefined;
  /** The operator's `[[tools]]`, the same ones `/run` uses: ReAct and tool-calling versions call them. */
  tools?: ToolRegistry | undefined;
}

/** Every configured tool with its HTTP handler, for the engine. */
function configuredTools(registry: ToolRegistry | undefined): StrategyTool[] {
  if (registry === undefined) return [];
  return registry.names().flatMap((name) => registry.strategyTool(name) ?? []);
}

/** The store's cells as engine's storage: the same shape, the cell's error class widened. */
function engineStorage(storage: EvalCellStorage): EvalRunStorage {
  return {
    finishedCells: async () => (await storage.finishedCells()) as CellResult[],
    save: (results) => storage.save(results),
  };
}

/** Runs one claimed run to its end (or until `signal`), publishing progress as cells finish. */
export async function executeEvalRun(
  run: EvalRunRecord,
  dependencies: EvalRunExecutorDependencies,
  signal: AbortSignal,
) {
  const plan = run.plan as EvalRunPlan;
  const useCache = plan.cache !== false && dependencies.cache !== undefined;
  return runEvaluation({
    plan: buildEvalPlan(run, dependencies),
    storage: engineStorage(dependencies.store.cellStorage(run.id)),
    concurrency: plan.concurrency ?? 4,
    ...(plan.params === undefined ? {} : { params: plan.params as GenerationParameters }),
    ...(useCache && dependencies.cache !== undefined ? { cache: dependencies.cache } : {}),
    ...(dependencies.modelTable === undefined ? {} : { modelTable: dependencies.modelTable }),
    tools: configuredTools(dependencies.tools),
    ...(dependencies.tools === undefined
      ? {}
      : { toolCallLimits: dependencies.tools.callLimits() }),
    services: await evalAssertionServices(run.projectId, plan, dependencies, signal),
    signal,
    onProgress: ({ total, done, passed, failed, errored }) =>
      dependencies.hub.publish({
        id: run.id,
        status: "running",
        progress: { total, done, passed, failed, errored },
      }),
  });
}
