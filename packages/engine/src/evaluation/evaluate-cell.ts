import {
  type AssertionServices,
  type AssertionSpec,
  type ChatMessage,
  evaluateAssertions,
  type GenerateRequest,
  type GenerateResult,
  type GenerationParameters,
  type ModelInfo,
  modelErrorClassOf,
  QuireError,
  type StrategyTool,
  type TestCase,
  type TokenUsage,
  type ToolCallLimits,
} from "@quire/core";
import { costOfResult, type ResponseCache } from "@quire/llm";
import type { CellResult } from "./cell-result.js";
import { type CellStrategy, cellStrategyOf, isStrategyProblem } from "./cell-strategy.js";
import type { EvalModel, EvalPrompt, RenderedForEval } from "./eval-plan.js";
import { answerWithStrategy } from "./strategy-answer.js";

/** One cell's inputs, resolved from the plan. */
export interface CellTask {
  prompt: EvalPrompt;
  model: EvalModel;
  testCase: TestCase;
  repeatIndex: number;
  /** Default assertions, then the case's own. */
  assertions: readonly AssertionSpec[];
}

export interface CellEnvironment {
  runParams: GenerationParameters | undefined;
  cache: ResponseCache | undefined;
  services: AssertionServices;
  /** Prices for the cell's cost; undefined: the built-in model table. */
  modelTable?: readonly ModelInfo[] | undefined;
  /** The tools a version's `config.tools` may name, by name (ReAct, tool calling). */
  tools?: ReadonlyMap<string, StrategyTool> | undefined;
  /** Bounds on one model round's tool calls; undefined: core's defaults. */
  toolCallLimits?: ToolCallLimits | undefined;
  signal: AbortSignal;
}

const noTools: ReadonlyMap<string, StrategyTool> = new Map();

/** What a cell answered, before its assertions. */
interface Answer {
  output: string;
  usage: TokenUsage;
  costUsd: number | null;
  cacheHit: boolean;
}

/** Only parameters actually set override: an `undefined` field never hides a lower layer. */
export function mergeParameters(
  ...layers: ReadonlyArray<GenerationParameters | undefined>
): GenerationParameters {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged as GenerationParameters;
}

/**
 * The model request of a cell. A repeat index above 0 is written into `providerOptions.quire`
 * (`evalRepeat`): providers never send Quire's own options on, but the response cache's key
 * includes every provider option, so each repeat has its own cached answer (repeat 0 keeps the
 * plain key, which a run with `repeat: 1` shares). Done whether or not the run has a cache, so a
 * model that was wrapped in a cache by its caller gets the same distinction.
 */
export function cellRequest(
  rendered: RenderedForEval,
  parameters: GenerationParameters,
  repeatIndex: number,
  signal: AbortSignal,
): GenerateRequest {
  const request: GenerateRequest = {
    ...parameters,
    messages: rendered.messages,
    abortSignal: signal,
  };
  if (repeatIndex > 0) request.providerOptions = { quire: { evalRepeat: repeatIndex } };
  return request;
}

export function messagesText(messages: readonly ChatMessage[]): string {
  return messages
    .map((message) => {
      const text = message.content
        .map((part) => (part.type === "text" ? part.text : `[image ${part.url.slice(0, 40)}]`))
        .join("");
      return `${message.role}: ${text}`;
    })
    .join("\n");
}

function outputOf(result: GenerateResult): string {
  if (result.text !== "" || result.toolCalls.length === 0) return result.text;
  return JSON.stringify(result.toolCalls);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function erroredCell(
  task: CellTask,
  errorClass: NonNullable<CellResult["error"]>["class"],
  message: string,
  extra: Partial<CellResult> = {},
): CellResult {
  return {
    promptId: task.prompt.id,
    modelId: task.model.id,
    caseId: task.testCase.id,
    repeatIndex: task.repeatIndex,
    status: "errored",
    output: "",
    score: 0,
    assertions: [],
    latencyMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    costUsd: null,
    cacheHit: false,
    ...extra,
    error: { class: errorClass, message },
    finishedAt: new Date().toISOString(),
  };
}

/** Renders, calls the model (through the cache), and asserts one cell; never throws. */
export async function evaluateCell(
  task: CellTask,
  environment: CellEnvironment,
): Promise<CellResult> {
  let rendered: RenderedForEval;
  try {
    rendered = await task.prompt.render(task.testCase.variables);
  } catch (error) {
    return erroredCell(
      task,
      "render",
      `rendering prompt ${task.prompt.id} for case ${task.testCase.id} failed: ${describe(error)}`,
    );
  }
  const declared = cellStrategyOf(
    rendered.config,
    environment.tools ?? noTools,
    task.prompt.id,
    rendered.outputSchema,
  );
  if (isStrategyProblem(declared)) {
    return erroredCell(task, declared.class, declared.message, {
      ...(rendered.provenance === undefined ? {} : { provenance: rendered.provenance }),
    });
  }
  const parameters = mergeParameters(rendered.params, task.model.params, environment.runParams);
  // A signal of this cell's own, following the run's: what the provider client hangs listeners
  // on goes away with the cell instead of piling up on the run's signal (4,000 cells left 4,000).
  const cellAbort = new AbortController();
  const onRunAbort = () => cellAbort.abort(environment.signal.reason);
  if (environment.signal.aborted) onRunAbort();
  else environment.signal.addEventListener("abort", onRunAbort, { once: true });
  try {
    return await callAndCheck(task, environment, rendered, parameters, declared, cellAbort.signal);
  } finally {
    environment.signal.removeEventListener("abort", onRunAbort);
  }
}

function errorClassOf(error: unknown): NonNullable<CellResult["error"]>["class"] {
  return modelErrorClassOf(error) ?? (error instanceof QuireError ? "strategy" : "provider-error");
}

async function callAndCheck(
  task: CellTask,
  environment: CellEnvironment,
  rendered: RenderedForEval,
  parameters: GenerationParameters,
  declared: CellStrategy | undefined,
  signal: AbortSignal,
): Promise<CellResult> {
  const provenance = rendered.provenance === undefined ? {} : { provenance: rendered.provenance };
  const started = performance.now();
  if (declared !== undefined) {
    let answer: Answer;
    try {
      answer = await answerWithStrategy(task.model.model, declared, {
        promptId: task.prompt.id,
        rendered,
        parameters,
        repeatIndex: task.repeatIndex,
        cache: environment.cache,
        modelTable: environment.modelTable,
        toolCallLimits: environment.toolCallLimits,
        signal,
      });
    } catch (error) {
      const latencyMs = performance.now() - started;
      return erroredCell(task, errorClassOf(error), describe(error), { latencyMs, ...provenance });
    }
    return checkAnswer(task, environment, rendered, answer, performance.now() - started);
  }
  const request = cellRequest(rendered, parameters, task.repeatIndex, signal);
  let result: GenerateResult;
  let cacheHit = false;
  try {
    if (environment.cache === undefined) {
      result = await task.model.model.generate(request);
    } else {
      const cached = await environment.cache.generate(task.model.model, request, {
        prompt: task.prompt.id,
        cacheNonZeroTemperature: true,
      });
      cacheHit = cached.cacheHit;
      result = cached;
    }
  } catch (error) {
    const latencyMs = performance.now() - started;
    return erroredCell(task, modelErrorClassOf(error) ?? "provider-error", describe(error), {
      latencyMs,
      ...provenance,
    });
  }
  const latencyMs = performance.now() - started;
  let answer: Answer;
  try {
    const { usage, cost } = await costOfResult(
      rendered.messages,
      result,
      environment.modelTable === undefined ? {} : { table: environment.modelTable },
    );
    answer = {
      output: outputOf(result),
      usage,
      costUsd: cost === undefined ? null : cost.usd,
      cacheHit,
    };
  } catch (error) {
    return erroredCell(
      task,
      "assertion",
      `checking the output of case ${task.testCase.id} failed: ${describe(error)}`,
      {
        output: outputOf(result),
        latencyMs,
        cacheHit,
        ...provenance,
      },
    );
  }
  return checkAnswer(task, environment, rendered, answer, latencyMs);
}

/** Runs the cell's assertions on its answer; a failing check is an errored cell. */
async function checkAnswer(
  task: CellTask,
  environment: CellEnvironment,
  rendered: RenderedForEval,
  answer: Answer,
  latencyMs: number,
): Promise<CellResult> {
  const provenance = rendered.provenance === undefined ? {} : { provenance: rendered.provenance };
  const { output, usage, costUsd, cacheHit } = answer;
  try {
    // A case with an expected output and no assertion at all is checked for equality with it
    // (promptfoo does the same); with no expected output either, any answer passes.
    const specs: readonly AssertionSpec[] =
      task.assertions.length === 0 && task.testCase.expected !== undefined
        ? [{ type: "equals" }]
        : task.assertions;
    const verdict =
      specs.length === 0
        ? { pass: true, score: 1, results: [] }
        : await evaluateAssertions(
            specs,
            {
              output,
              ...(task.testCase.expected === undefined ? {} : { expected: task.testCase.expected }),
              variables: task.testCase.variables,
              prompt: messagesText(rendered.messages),
              latencyMs,
              ...(costUsd === null ? {} : { costUsd }),
              tokens: { input: usage.inputTokens, output: usage.outputTokens },
            },
            environment.services,
          );
    return {
      promptId: task.prompt.id,
      modelId: task.model.id,
      caseId: task.testCase.id,
      repeatIndex: task.repeatIndex,
      status: verdict.pass ? "passed" : "failed",
      output,
      score: verdict.score,
      assertions: verdict.results,
      latencyMs,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cachedInputTokens: usage.cachedInputTokens ?? 0,
      costUsd,
      cacheHit,
      ...provenance,
      finishedAt: new Date().toISOString(),
    };
  } catch (error) {
    return erroredCell(
      task,
      "assertion",
      `checking the output of case ${task.testCase.id} failed: ${describe(error)}`,
      { output, latencyMs, cacheHit, ...provenance },
    );
  }
}
