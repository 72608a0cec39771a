import {
  type ChatMessage,
  isQuireError,
  type ModelInfo,
  type ParsedRunRequest,
  type RunResponse,
  runStrategy,
  type StrategyRun,
  StreamingRedactor,
} from "@quire/core";
import type { CacheContext } from "@quire/llm";
import type { ExecutionLogWriter } from "../executions/execution-log-writer.js";
import type { PromptService } from "../prompts/prompt-service.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import { toolsForRun, type VersionTools } from "../tools/version-tools.js";
import { CallRecorder } from "./call-recorder.js";
import { executionRecordOf } from "./execution-record.js";
import type { ModelCache } from "./model-cache.js";
import type { ModelChain, ModelChains } from "./model-chain.js";
import { guardOutput } from "./output-guard.js";
import { type PreparedRun, prepareRun } from "./prepare-run.js";
import type { ProviderTime } from "./provider-time.js";
import { continuationOf } from "./run-continuation.js";
import { classifyRunFailure } from "./run-failure.js";
import { withStablePrefixModel } from "./stable-prefix-model.js";
import { type StrategySummary, summarizeStrategy } from "./strategy-summary.js";
import { summarizeCalls } from "./summarize-calls.js";

export interface RunServiceDependencies {
  prompts: PromptService;
  executionLog: Pick<ExecutionLogWriter, "log">;
  chains: ModelChains;
  /** Undefined when the response cache is off. */
  cache: ModelCache | undefined;
  /** The model table for costs (the server's, with quire.toml's [models]). */
  models: readonly ModelInfo[];
  /** The operator's `[[tools]]`, for versions whose config names tools (default none). */
  tools?: ToolRegistry;
  /** Log each run's variables and output text (default true; `[executions] storeContent`). */
  storeExecutionContent?: boolean;
}

export interface RunCallOptions {
  /** `performance.now()` when the request arrived: latencies are measured from it. */
  startedAt: number;
  /** Aborted when the client goes away: the model calls stop. */
  signal?: AbortSignal;
  /** Filled with the time spent inside provider calls (for the `Server-Timing` header). */
  providerTime?: ProviderTime;
}

export interface StreamCallOptions extends RunCallOptions {
  /** Called once, just before the first text is passed on (write the stream's headers here). */
  onStart(): void;
  /** Each piece of text, in order; a returned promise is awaited (backpressure). */
  onDelta(text: string): void | Promise<void>;
}

function usesTools(prepared: PreparedRun): boolean {
  const strategy = prepared.strategy?.strategy;
  return strategy === "react" || strategy === "tool-calling";
}

/** A prepared run with the tools its version may use and the request's continuation. */
type ToolRun = PreparedRun & { tools: VersionTools; continuation: ChatMessage[] | undefined };

interface Finished {
  text: string;
  strategy: string;
  details: StrategySummary;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
}

/**
 * Runs prompts: render → model chain (cache, retries, circuit, fallback) → strategy → answer,
 * and logs an execution record for every run that reached its model calls, success or failure,
 * without waiting for the write. Errors before that (unknown prompt or model, a missing
 * variable, a bad config) are thrown as they are and log nothing: nothing was executed.
 */
export class RunService {
  constructor(private readonly dependencies: RunServiceDependencies) {}

  /** The configured language model ids. */
  configuredModels(): string[] {
    return this.dependencies.chains.configuredModelIds();
  }

  async run(
    name: string,
    request: ParsedRunRequest,
    options: RunCallOptions,
  ): Promise<RunResponse> {
    const prepared = await this.prepare(name, request);
    const chain = this.chainFor(prepared, options.providerTime ?? { ms: 0 });
    const recorder = new CallRecorder(
      withStablePrefixModel(chain.model, prepared.stablePrefixMessages),
    );
    try {
      const run = await this.runStrategy(prepared, recorder, options.signal);
      const finished = this.finished(run, prepared, options.startedAt, null);
      return await this.succeeded(prepared, chain, recorder, finished);
    } catch (error) {
      throw await this.failed(prepared, chain, recorder, error, options, null);
    }
  }

  /**
   * Streams a run: text deltas through `onDelta`, then resolves with the same answer `run` gives.
   * A failure before `onStart` was called is thrown like `run`'s (nothing was sent yet); after
   * it, it is thrown too, and the caller reports it in the stream. A strategy other than one
   * direct call (and an output schema) runs whole, then its answer is passed on as one delta.
   */
  async stream(
    name: string,
    request: ParsedRunRequest,
    options: StreamCallOptions,
  ): Promise<RunResponse> {
    const prepared = await this.prepare(name, request);
    const chain = this.chainFor(prepared, options.providerTime ?? { ms: 0 });
    const recorder = new CallRecorder(
      withStablePrefixModel(chain.model, prepared.stablePrefixMessages),
    );
    let timeToFirstTokenMs: number | null = null;
    const started = () => {
      if (timeToFirstTokenMs !== null) return;
      timeToFirstTokenMs = performance.now() - options.startedAt;
      options.onStart();
    };
    // With redactOutput, deltas are redacted as they go: text that may still become a secret is
    // held back until it is known (the done event's output is redacted from the whole answer).
    const canary = prepared.rendered.guard?.canary;
    const redactor =
      prepared.request.redactOutput === true
        ? new StreamingRedactor(canary === undefined ? {} : { canaries: [canary] })
        : undefined;
    const send = async (text: string) => {
      const shown = redactor === undefined ? text : redactor.push(text);
      if (shown !== "") await options.onDelta(shown);
    };
    try {
      let finished: Finished;
      if (prepared.strategy !== undefined && prepared.strategy.strategy !== "direct") {
        const run = await this.runStrategy(prepared, recorder, options.signal);
        started();
        if (run.text !== "") await send(run.text);
        finished = this.finished(run, prepared, options.startedAt, timeToFirstTokenMs);
      } else {
        let text = "";
        const parts = recorder.stream({
          ...prepared.parameters,
          messages: prepared.messages,
          ...(options.signal === undefined ? {} : { abortSignal: options.signal }),
        });
        for await (const part of parts) {
          started();
          if (part.type === "text-delta") {
            text += part.text;
            await send(part.text);
          } else text = part.result.text;
        }
        finished = {
          text,
          strategy: "direct",
          details: {},
          latencyMs: performance.now() - options.startedAt,
          timeToFirstTokenMs,
        };
      }
      const rest = redactor?.end() ?? "";
      if (rest !== "") await options.onDelta(rest);
      return await this.succeeded(prepared, chain, recorder, finished);
    } catch (error) {
      throw await this.failed(prepared, chain, recorder, error, options, timeToFirstTokenMs);
    }
  }

  private async prepare(name: string, request: ParsedRunRequest): Promise<ToolRun> {
    const prepared = await prepareRun(this.dependencies.prompts, name, request, () =>
      this.configuredModels(),
    );
    const tools = toolsForRun(prepared, this.dependencies.tools);
    const continuation = continuationOf({ ...prepared, tools }, request.messages);
    return { ...prepared, tools, continuation };
  }

  private chainFor(prepared: PreparedRun, time: ProviderTime): ModelChain {
    const { cache } = this.dependencies;
    const useCache = prepared.request.cache !== false && cache !== undefined;
    const context: CacheContext = {
      prompt: prepared.name,
      ...(prepared.request.cache === true ? { cacheNonZeroTemperature: true } : {}),
      // Tool results make conversations that look alike but must not share answers.
      ...(usesTools(prepared) ? { semantic: false } : {}),
    };
    return this.dependencies.chains.chain(
      prepared.entries,
      useCache ? cache : undefined,
      context,
      time,
    );
  }

  private runStrategy(
    prepared: ToolRun,
    model: CallRecorder,
    signal: AbortSignal | undefined,
  ): Promise<StrategyRun> {
    return runStrategy(model, {
      messages: prepared.messages,
      strategy: prepared.strategy,
      parameters: prepared.parameters,
      outputSchema: prepared.outputSchema,
      tools: prepared.tools.tools,
      clientTools: prepared.tools.clientTools,
      ...(prepared.continuation === undefined ? {} : { continuation: prepared.continuation }),
      ...(this.dependencies.tools === undefined
        ? {}
        : { toolCallLimits: this.dependencies.tools.callLimits() }),
      ...(signal === undefined ? {} : { abortSignal: signal }),
    });
  }

  private finished(
    run: StrategyRun,
    prepared: PreparedRun,
    startedAt: number,
    timeToFirstTokenMs: number | null,
  ): Finished {
    return {
      text: run.text,
      strategy: run.strategy,
      details: summarizeStrategy(run, prepared.messages.length),
      latencyMs: performance.now() - startedAt,
      timeToFirstTokenMs,
    };
  }

  private async succeeded(
    prepared: PreparedRun,
    chain: ModelChain,
    recorder: CallRecorder,
    finished: Finished,
  ): Promise<RunResponse> {
    const summary = await summarizeCalls(recorder.calls, this.dependencies.models);
    const requested = chain.modelIds[0] ?? prepared.entries[0]?.modelId ?? "";
    const servedBy = summary.servedBy ?? requested;
    const { rendered } = prepared;
    const guarded = guardOutput(finished.text, rendered, prepared.request.redactOutput);
    const output = guarded?.output ?? finished.text;
    const executionId = this.dependencies.executionLog.log(
      executionRecordOf(prepared, {
        summary,
        model: servedBy,
        strategy: finished.strategy,
        latencyMs: finished.latencyMs,
        timeToFirstTokenMs: finished.timeToFirstTokenMs,
        output,
        ...(finished.details.toolUse === undefined ? {} : { toolUse: finished.details.toolUse }),
        storeContent: this.dependencies.storeExecutionContent !== false,
      }),
    );
    return {
      prompt: rendered.prompt,
      version: rendered.version,
      label: rendered.label,
      resolvedBy: rendered.resolvedBy,
      draft: rendered.version === null,
      output,
      ...("json" in finished.details ? { json: finished.details.json } : {}),
      model: requested,
      servedBy,
      failures: summary.failures,
      strategy: finished.strategy,
      ...(finished.details.strategyResult === undefined
        ? {}
        : { strategyResult: finished.details.strategyResult }),
      ...(finished.details.toolCalls === undefined
        ? {}
        : { toolCalls: finished.details.toolCalls }),
      ...(finished.details.continuation === undefined
        ? {}
        : { continuation: finished.details.continuation }),
      finishReason: summary.finishReason ?? "stop",
      parameters: prepared.parameters,
      usage: summary.usage,
      cost: summary.cost ?? null,
      cacheHit: summary.cacheHit,
      latencyMs: finished.latencyMs,
      timeToFirstTokenMs: finished.timeToFirstTokenMs,
      provenance: rendered.provenance,
      executionId: executionId ?? null,
      ...(guarded === undefined ? {} : { guard: guarded.report }),
    };
  }

  /** Logs the failed run and returns the error to throw, with the execution's id in its details. */
  private async failed(
    prepared: PreparedRun,
    chain: ModelChain,
    recorder: CallRecorder,
    error: unknown,
    options: RunCallOptions,
    timeToFirstTokenMs: number | null,
  ): Promise<unknown> {
    const latencyMs = performance.now() - options.startedAt;
    const classified = classifyRunFailure(error, {
      modelCallsAttempted: recorder.attempted,
      cancelled: options.signal?.aborted === true,
    });
    const summary = await summarizeCalls(recorder.calls, this.dependencies.models);
    summary.failures.push(...classified.failures);
    const executionId = this.dependencies.executionLog.log(
      executionRecordOf(prepared, {
        summary,
        model: chain.modelIds[0] ?? prepared.entries[0]?.modelId ?? "",
        strategy: prepared.strategy?.strategy ?? "direct",
        latencyMs,
        timeToFirstTokenMs,
        errorClass: classified.errorClass,
        storeContent: this.dependencies.storeExecutionContent !== false,
      }),
    );
    if (isQuireError(classified.error)) {
      classified.error.details.executionId = executionId ?? null;
    }
    return classified.error;
  }
}
