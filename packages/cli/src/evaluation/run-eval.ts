import { mkdirSync } from "node:fs";
import path from "node:path";
import { isQuireError, QuireError } from "@quire/core";
import {
  type CellResult,
  compareRuns,
  createJavaScriptRunner,
  jsonlEvalRunStorage,
  runEvaluation,
} from "@quire/engine";
import { ResponseCache } from "@quire/llm";
import { createColors } from "picocolors";
import type { CliContext } from "../cli-context.js";
import { type ConnectionFlags, connect } from "../commands/connection.js";
import { resolveConfig } from "../config/resolve-config.js";
import { UsageError } from "../usage-error.js";
import { describeComparison } from "./eval-baseline.js";
import { baselineSourceOf, labelBaselinePrompts } from "./eval-baseline-label.js";
import { gateFailures } from "./eval-gates.js";
import { formatOfFile, formatReport, parseOutputFormat, writeReportFiles } from "./eval-outputs.js";
import type { EvalReport } from "./eval-report.js";
import { newRunId, resumedRunId } from "./eval-run-id.js";
import { setUpEvaluation } from "./eval-setup.js";
import { FileResponseCacheStore } from "./file-response-cache-store.js";
import { findEvalConfig, type LoadedEvalConfig, loadEvalConfig } from "./load-eval-config.js";
import { createProgressReporter } from "./progress-reporter.js";

export interface EvalFlags extends ConnectionFlags {
  concurrency?: string;
  repeat?: string;
  cache?: boolean;
  resume?: string | boolean;
  output?: string;
  out?: string[];
  threshold?: string;
  baseline?: string;
  progress?: boolean;
  retries?: string;
}

/** Cached answers are reused for two weeks (promptfoo's default too). */
const cacheTtlMs = 14 * 24 * 3_600_000;
const modelTimeoutMs = 120_000;

/**
 * `quire eval`: loads the config, runs the matrix (cached, resumable, cancelable with Ctrl-C),
 * prints and writes the reports, then applies the gates. Throws UsageError (exit 2) for a bad
 * command line or config, QuireError (exit 1) when a gate fails or the run was cancelled.
 */
export async function runEvalCommand(
  configArgument: string | undefined,
  flags: EvalFlags,
  context: CliContext,
): Promise<void> {
  const concurrency = wholeNumber(flags.concurrency, "--concurrency", 1, 256);
  const repeatFlag = wholeNumber(flags.repeat, "--repeat", 1, 100);
  const retries = wholeNumber(flags.retries, "--retries", 0, 10) ?? 2;
  const threshold = flags.threshold === undefined ? undefined : rate(flags.threshold);
  const stdoutFormat = parseOutputFormat(flags.output ?? "table");
  const baselineSource =
    flags.baseline === undefined
      ? undefined
      : baselineSourceOf(flags.baseline, context.workingDirectory);

  const javaScript = createJavaScriptRunner();
  try {
    const { loaded, quireConfig } = asUsageError(() => ({
      loaded: loadEvalConfig(
        findEvalConfig(configArgument, context.workingDirectory),
        context.workingDirectory,
      ),
      quireConfig: resolveConfig(
        { config: flags.config },
        context.environment,
        context.workingDirectory,
      ),
    }));
    const files = [...(flags.out ?? []), ...outputPathsOf(loaded, context.workingDirectory)];
    for (const file of files) formatOfFile(file);
    const dataDirectory = quireConfig.dataDirectory;
    const cacheEnabled = flags.cache !== false && loaded.config.evaluateOptions?.cache !== false;
    const cache = cacheEnabled
      ? new ResponseCache({
          store: new FileResponseCacheStore(path.join(dataDirectory, "eval-cache")),
          ttlMs: cacheTtlMs,
          cacheNonZeroTemperature: true,
        })
      : undefined;
    const setup = await asUsageErrorAsync(() =>
      setUpEvaluation({
        loaded,
        quireConfig,
        connectionFlags: flags,
        context,
        repeat: repeatFlag ?? loaded.config.evaluateOptions?.repeat ?? 1,
        maxRetries: retries,
        timeoutMs: modelTimeoutMs,
        cache,
        runJavaScript: javaScript.runJavaScript,
      }),
    );
    const runsDirectory = path.join(dataDirectory, "eval-runs");
    const runId = resumedRunId(flags.resume, runsDirectory) ?? newRunId();
    const plan = setup.plan;
    const totalCells =
      plan.prompts.length * plan.models.length * plan.cases.length * (plan.repeat ?? 1);
    context.stderr.write(
      `eval run ${runId}${flags.resume === undefined ? "" : " (resumed)"}: ${plan.prompts.length} prompt(s) × ${plan.models.length} model(s) × ${plan.cases.length} case(s)${(plan.repeat ?? 1) > 1 ? ` × ${plan.repeat} repeats` : ""} = ${totalCells} cells\n`,
    );

    mkdirSync(runsDirectory, { recursive: true });
    const stop = new AbortController();
    void context.stopRequested().then((signal) => stop.abort(new Error(`stopped by ${signal}`)));
    const progress = createProgressReporter(context.stderr, context.environment, {
      quiet: flags.progress === false,
    });
    const startedAt = new Date().toISOString();
    const outcome = await runEvaluation({
      plan,
      storage: jsonlEvalRunStorage(path.join(runsDirectory, `${runId}.jsonl`), {
        onWarning: (message) => context.stderr.write(`warning: ${message}\n`),
      }),
      concurrency: concurrency ?? loaded.config.evaluateOptions?.maxConcurrency ?? 4,
      ...(cache === undefined ? {} : { cache }),
      services: setup.services,
      tools: setup.tools,
      // quire.toml's [toolCalls] bounds a round's tool calls, as it does on the server.
      toolCallLimits: {
        maxParallelCalls: quireConfig.file?.values.toolCalls?.maxParallel,
        maxCallsPerRound: quireConfig.file?.values.toolCalls?.maxPerRound,
      },
      // Priced with quire.toml's [models] over the built-in table, as `quire tokens` counts.
      modelTable: quireConfig.models,
      onProgress: (update) => progress.update(update),
      signal: stop.signal,
    }).finally(() => progress.finish());
    await cache?.settled();

    const report: EvalReport = {
      quireEval: 1,
      runId,
      status: outcome.status,
      config: loaded.file.label,
      ...(loaded.config.description === undefined
        ? {}
        : { description: loaded.config.description }),
      startedAt,
      finishedAt: new Date().toISOString(),
      prompts: plan.prompts.map((prompt) => ({ id: prompt.id, label: prompt.label })),
      models: plan.models.map((model) => ({ id: model.id })),
      cases: plan.cases.map((testCase) => ({
        id: testCase.id,
        ...(typeof testCase.metadata?.description === "string"
          ? { description: testCase.metadata.description }
          : {}),
        variables: testCase.variables,
      })),
      totalCells,
      summaries: outcome.summaries,
      results: outcome.results,
    };
    let baseline: CellResult[] | undefined;
    let baselineName = flags.baseline ?? "";
    if (baselineSource?.kind === "file") baseline = baselineSource.results;
    if (baselineSource?.kind === "label" && outcome.status === "completed") {
      baselineName = `the versions labelled ${baselineSource.label}`;
      const prompts = await asUsageErrorAsync(() =>
        labelBaselinePrompts(baselineSource.label, loaded.prompts, plan.prompts, {
          configDirectory: loaded.directory,
          workingDirectory: context.workingDirectory,
          configLabel: loaded.file.label,
          client: () => connect(flags, context).client,
          promptsDirectory: quireConfig.promptsDirectory,
        }),
      );
      context.stderr.write(
        `baseline: the same cases on ${prompts.map((prompt) => prompt.label).join(", ")}\n`,
      );
      const baselineRun = await runEvaluation({
        plan: { ...plan, prompts },
        concurrency: concurrency ?? loaded.config.evaluateOptions?.maxConcurrency ?? 4,
        ...(cache === undefined ? {} : { cache }),
        services: setup.services,
        tools: setup.tools,
        modelTable: quireConfig.models,
        signal: stop.signal,
      });
      await cache?.settled();
      baseline = baselineRun.results;
    }
    const comparison = baseline === undefined ? undefined : compareRuns(baseline, outcome.results);
    if (comparison !== undefined) report.baseline = { file: baselineName, comparison };
    context.stdout.write(formatReport(report, stdoutFormat, context.colors));
    const written = writeReportFiles(report, files, context.workingDirectory, createColors(false));
    for (const file of written) context.stderr.write(`wrote ${file}\n`);
    if (comparison !== undefined) {
      context.stderr.write(describeComparison(report, comparison, baselineName));
    }

    if (outcome.status === "cancelled") {
      throw new QuireError(
        "UNAVAILABLE",
        `eval run ${runId} was cancelled after ${outcome.results.length} of ${totalCells} cells; finished cells are kept — resume with: ${["quire eval", configArgument, "--resume", runId].filter((part) => part !== undefined).join(" ")}`,
        { details: { runId, done: outcome.results.length, total: totalCells } },
      );
    }
    const failures = gateFailures(outcome.results, threshold, report.baseline);
    if (failures.length > 0) {
      throw new QuireError("VALIDATION_FAILED", `quality gate failed: ${failures.join("; ")}`, {
        details: { runId, failures },
      });
    }
  } finally {
    await javaScript.close();
  }
}

/** The config's `outputPath` (promptfoo's): files written as `-o` writes them. */
function outputPathsOf(loaded: LoadedEvalConfig, workingDirectory: string): string[] {
  const paths = loaded.config.outputPath;
  const list = paths === undefined ? [] : Array.isArray(paths) ? paths : [paths];
  return list.map((file) => path.relative(workingDirectory, path.resolve(loaded.directory, file)));
}

function wholeNumber(
  text: string | undefined,
  option: string,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(
      `${option} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`,
      { option },
    );
  }
  return value;
}

function rate(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value >= 0 && value <= 1)) {
    throw new UsageError(
      `--threshold must be a pass rate from 0 to 1 (0.9 for 90%), got ${JSON.stringify(text)}`,
      {
        option: "--threshold",
      },
    );
  }
  return value;
}

/** Errors in the config, quire.toml or the command line exit with 2; a server that is down does not. */
function toUsageError(error: unknown): unknown {
  if (!isQuireError(error) || error instanceof UsageError) return error;
  if (error.code === "UNAVAILABLE" || error.code === "PROVIDER_ERROR" || error.code === "INTERNAL")
    return error;
  const usage = new UsageError(error.message, error.details);
  usage.cause = error;
  return usage;
}

function asUsageError<Value>(work: () => Value): Value {
  try {
    return work();
  } catch (error) {
    throw toUsageError(error);
  }
}

async function asUsageErrorAsync<Value>(work: () => Promise<Value>): Promise<Value> {
  try {
    return await work();
  } catch (error) {
    throw toUsageError(error);
  }
}
