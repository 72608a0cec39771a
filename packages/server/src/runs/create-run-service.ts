import { defaultModels, type ModelInfo } from "@quire/core";
import { CircuitBreakers, MemoryResponseCacheStore, ResponseCache } from "@quire/llm";
import type { ExecutionLogWriter } from "../executions/execution-log-writer.js";
import type { PromptService } from "../prompts/prompt-service.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import type { ModelCache } from "./model-cache.js";
import { ModelChains } from "./model-chain.js";
import { RunService } from "./run-service.js";
import { defaultModelTimeoutMs, type RunsOptions } from "./runs-options.js";

export interface CreateRunServiceOptions {
  prompts: PromptService;
  executionLog: Pick<ExecutionLogWriter, "log">;
  /** The model table for costs (default: core's built-in one). */
  models?: readonly ModelInfo[] | undefined;
  runs?: RunsOptions | undefined;
  /**
   * The cache in front of each model, when the server has one already (the database-backed
   * exact cache, or exact + semantic); default: an in-memory `ResponseCache` made from
   * `runs.cache` (whose `false` turns caching off either way).
   */
  cache?: ModelCache | undefined;
  /** Log each run's variables and output text (default true). */
  storeExecutionContent?: boolean | undefined;
  /** The operator's `[[tools]]` (default none). */
  tools?: ToolRegistry | undefined;
}

/** The run service of one server process: its circuits and its response cache live as long as it. */
export function createRunService(options: CreateRunServiceOptions): RunService {
  const runs = options.runs ?? {};
  const models = options.models ?? defaultModels;
  const clock = runs.clock === undefined ? {} : { clock: runs.clock };
  const cache =
    runs.cache === false
      ? undefined
      : (options.cache ??
        new ResponseCache({
          store: new MemoryResponseCacheStore({ maxEntries: runs.cache?.maxEntries ?? 10_000 }),
          ttlMs: runs.cache?.ttlMs === undefined ? 3_600_000 : runs.cache.ttlMs,
          modelTable: models,
        }));
  const chains = new ModelChains({
    registry: runs.registry,
    breakers: new CircuitBreakers({ ...runs.circuitBreaker, ...clock }),
    timeoutMs: runs.timeoutMs ?? defaultModelTimeoutMs,
    retry: runs.retry,
    clock: runs.clock,
  });
  return new RunService({
    prompts: options.prompts,
    executionLog: options.executionLog,
    chains,
    cache,
    models,
    storeExecutionContent: options.storeExecutionContent !== false,
    ...(options.tools === undefined ? {} : { tools: options.tools }),
  });
}
