import type { EmbeddingModel, ModelInfo } from "@quire/core";
import { createJavaScriptRunner } from "@quire/engine";
import type { ResponseCache } from "@quire/llm";
import type { AccessStore, EvaluationStore, ExecutionStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import { registerCaseRoutes } from "../datasets/case-routes.js";
import { registerDatasetRoutes } from "../datasets/dataset-routes.js";
import { DatasetService } from "../datasets/dataset-service.js";
import { registerImportExportRoutes } from "../datasets/import-export-routes.js";
import type { PromptService } from "../prompts/prompt-service.js";
import type { RunsOptions } from "../runs/runs-options.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import { EvalModels } from "./eval-models.js";
import { EvalProgressHub } from "./eval-progress-hub.js";
import { registerEvalResultRoutes } from "./eval-result-routes.js";
import { type EvalRunEventsOptions, registerEvalRunEventsRoute } from "./eval-run-events-route.js";
import { executeEvalRun } from "./eval-run-executor.js";
import { registerEvalRunRoutes } from "./eval-run-routes.js";
import { EvalRunService } from "./eval-run-service.js";
import { EvalRunWorker, type EvalRunWorkerOptions } from "./eval-run-worker.js";

export interface EvaluationOptions {
  /** The job worker's lease, polling and parallel runs. */
  worker?: EvalRunWorkerOptions;
  events?: EvalRunEventsOptions;
  /**
   * The embedding model of `similar` assertions (quire.toml's `[evaluation] embeddingModel`);
   * absent: they error saying which key to set.
   */
  embeddingModel?: EmbeddingModel;
  /** Workers of the javascript assertions' sandbox (default 2); used only where a project allows them. */
  javascriptWorkers?: number;
}

export interface EvaluationDependencies {
  store: EvaluationStore;
  executions: ExecutionStore;
  /** Each project's settings: may its runs run javascript assertions? */
  access: AccessStore;
  prompts: PromptService;
  runs: RunsOptions | undefined;
  /** The server's exact response cache; undefined when runs are not cached. */
  cache: ResponseCache | undefined;
  /** The server's model table (quire.toml's `[models]` applied): cells' costs are priced with it. */
  modelTable?: readonly ModelInfo[] | undefined;
  /** The operator's `[[tools]]` (the ones `/run` uses), for ReAct and tool-calling versions. */
  tools?: ToolRegistry | undefined;
}

/**
 * Datasets and eval runs: their routes, and this server's job worker, which claims queued runs
 * from the shared queue and stops (giving its runs back) when the app closes.
 */
export function registerEvaluation(
  app: FastifyInstance,
  dependencies: EvaluationDependencies,
  options: EvaluationOptions = {},
): EvalRunWorker {
  const datasets = new DatasetService(dependencies.store, dependencies.executions);
  registerDatasetRoutes(app, datasets);
  registerCaseRoutes(app, datasets);
  registerImportExportRoutes(app, datasets);

  const models = new EvalModels(dependencies.runs);
  const hub = new EvalProgressHub();
  const sandbox = createJavaScriptRunner({ workers: options.javascriptWorkers ?? 2 });
  const executor = {
    ...dependencies,
    models,
    hub,
    embeddingModel: options.embeddingModel,
    runJavaScript: sandbox.runJavaScript,
  };
  const worker = new EvalRunWorker(
    dependencies.store,
    async (run, signal) => executeEvalRun(run, executor, signal),
    hub,
    app.log,
    options.worker,
  );
  // Before the caller closes the store: runs in flight go back to the queue.
  app.addHook("onClose", async () => {
    await worker.close();
    await sandbox.close();
  });
  const service = new EvalRunService({
    store: dependencies.store,
    prompts: dependencies.prompts,
    models,
    worker,
  });
  registerEvalRunRoutes(app, service);
  registerEvalResultRoutes(app, service);
  registerEvalRunEventsRoute(app, service, hub, options.events);
  worker.wake();
  return worker;
}
