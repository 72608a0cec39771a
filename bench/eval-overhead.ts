/**
 * Quire's own overhead per eval cell (scheduling, rendering, the provider client's request
 * building, assertions, batched JSONL storage, progress): 1,000 cases × 2 prompt versions × 2
 * models (4,000 cells) run by `runEvaluation` against the OpenAI-compatible test server (its own
 * process) answering at once. A stand-in: no quality is measured.
 *
 * - overhead: runs at concurrency 1, so cells do not overlap; each model call is timed where it
 *   is made (a thin wrapper around the provider model). Per cell: the time between two progress
 *   events minus that cell's model call; the median over cells of each run, then the median over
 *   runs (goal: under 2 ms). Also per run: (wall time − Σ model call time) / cells, which charges
 *   the batched saves and the run's start and end to the cells.
 * - concurrency: with the server adding latency L and concurrency C, the wall time of N cells
 *   against the ideal N × L / C (ratio 1 = limited only by the configured concurrency).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { compilePrompt, type LanguageModel, type TestCase } from "@quire/core";
import { type EvalPlan, type EvalPrompt, jsonlEvalRunStorage, runEvaluation } from "@quire/engine";
import { createProviderRegistry } from "@quire/llm";
import { handlebarsTemplate, variables } from "./fixtures/realistic-template.js";
import { median } from "./measure.js";
import type { BenchResult } from "./results.js";

const suite = "eval-overhead";
/** QUIRE_BENCH_EVAL_SMOKE=1 shrinks every size, to check the suite works (no figure is valid). */
const smoke = process.env.QUIRE_BENCH_EVAL_SMOKE === "1";
const caseCount = smoke ? 10 : 1_000;
const overheadRuns = smoke ? 1 : 5;
const latencyMs = 20;
const latencyConcurrency = 8;
const latencyCases = smoke ? 8 : 250;

async function startModelServer(latency: number) {
  const child = spawn(
    process.execPath,
    [
      "--conditions=quire-source",
      "--import",
      "tsx",
      path.join(import.meta.dirname, "fixtures/eval-overhead-model-server.ts"),
      String(latency),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    return { child, baseUrl: (JSON.parse(line) as { baseUrl: string }).baseUrl };
  }
  throw new Error("bench: the model server exited before printing its address");
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function promptVersion(id: string, extra: string): EvalPrompt {
  const compiled = compilePrompt({
    type: "text",
    engine: "handlebars",
    template: `${handlebarsTemplate}${extra}`,
    inputSchema: null,
    outputSchema: null,
    config: {},
    metadata: {},
  });
  return {
    id,
    label: id,
    async render(values) {
      const rendered = compiled.render(values) as { text: string };
      return { messages: [{ role: "user", content: [{ type: "text", text: rendered.text }] }] };
    },
  };
}

function cases(count: number): TestCase[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `case-${index}`,
    variables: { ...variables, query: `${variables.query} (ticket #${index})` },
    assertions: [{ type: "regex", value: "urgency: [1-5]" }],
  }));
}

/** The provider model with the time spent inside each call recorded. */
function timed(model: LanguageModel, times: number[]): LanguageModel {
  return {
    modelId: model.modelId,
    async generate(request) {
      const started = performance.now();
      try {
        return await model.generate(request);
      } finally {
        times.push(performance.now() - started);
      }
    },
  };
}

function planFor(baseUrl: string, caseTotal: number, callTimes: number[]): EvalPlan {
  const registry = createProviderRegistry(
    {
      providers: [{ name: "local", kind: "openai-compatible", baseUrl, models: ["alpha", "beta"] }],
    },
    {},
  );
  return {
    prompts: [promptVersion("triage:1", ""), promptVersion("triage:2", "\nBe brief.")],
    models: ["local/alpha", "local/beta"].map((id) => ({
      id,
      model: timed(registry.languageModel(id), callTimes),
      params: { temperature: 0 },
    })),
    cases: cases(caseTotal),
    defaultAssertions: [{ type: "icontains", value: "category:" }],
  };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

async function measureOverhead(baseUrl: string): Promise<BenchResult[]> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "quire-bench-eval-"));
  const medians: number[] = [];
  const means: number[] = [];
  try {
    // Warm-up run (JIT, sockets), not counted.
    for (let run = 0; run <= overheadRuns; run += 1) {
      const callTimes: number[] = [];
      const plan = planFor(baseUrl, run === 0 ? Math.min(200, caseCount) : caseCount, callTimes);
      const marks: number[] = [];
      const started = performance.now();
      const outcome = await runEvaluation({
        plan,
        concurrency: 1,
        storage: jsonlEvalRunStorage(path.join(directory, `run-${run}.jsonl`)),
        onProgress: () => marks.push(performance.now()),
      });
      const wall = performance.now() - started;
      const cells = outcome.results.length;
      const passed = outcome.summaries.reduce((sum, summary) => sum + summary.passed, 0);
      if (passed !== cells || callTimes.length !== cells) {
        throw new Error(`bench: ${passed} of ${cells} cells passed, ${callTimes.length} calls`);
      }
      if (run === 0) continue;
      // marks[0] is the start event; marks[i] ends cell i (cells run one at a time, in order).
      const perCell = callTimes.map(
        (callTime, index) => (marks[index + 1] as number) - (marks[index] as number) - callTime,
      );
      const total = callTimes.reduce((sum, time) => sum + time, 0);
      medians.push(median(perCell));
      means.push((wall - total) / cells);
      console.log(
        `eval-overhead run ${run}: ${cells} cells in ${Math.round(wall)} ms, model calls ${Math.round(total)} ms, per-cell overhead median ${medians.at(-1)?.toFixed(3)} ms, mean ${means.at(-1)?.toFixed(3)} ms`,
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const notes = `1,000 cases × 2 versions × 2 models at concurrency 1 against the test server (own process, no latency); regex + icontains assertions, JSONL storage; median over ${overheadRuns} runs; goal < 2 ms`;
  return [
    {
      suite,
      name: "overhead per cell (median cell)",
      value: round3(median(medians)),
      unit: "ms",
      notes,
    },
    {
      suite,
      name: "overhead per cell (wall − calls) / cells",
      value: round3(median(means)),
      unit: "ms",
      notes: `${notes}; includes batched saves and the run's start and end`,
    },
  ];
}

async function measureConcurrency(baseUrl: string): Promise<BenchResult[]> {
  const plan = planFor(baseUrl, latencyCases, []);
  const cells = plan.prompts.length * plan.models.length * latencyCases;
  const ideal = (cells * latencyMs) / latencyConcurrency;
  const ratios: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    await runEvaluation({ plan, concurrency: latencyConcurrency });
    const wall = performance.now() - started;
    ratios.push(wall / ideal);
    console.log(
      `eval-overhead latency run ${run}: ${cells} cells, L ${latencyMs} ms, C ${latencyConcurrency}: ${Math.round(wall)} ms (ideal ${ideal} ms)`,
    );
  }
  return [
    {
      suite,
      name: `wall / (cells × L / C), L ${latencyMs} ms, C ${latencyConcurrency}`,
      value: round3(median(ratios)),
      unit: "ratio",
      notes: `${cells} cells; 1 = limited only by the configured concurrency; median of 3 runs`,
    },
  ];
}

export async function evalOverhead(): Promise<BenchResult[]> {
  const fast = await startModelServer(0);
  const results: BenchResult[] = [];
  try {
    results.push(...(await measureOverhead(fast.baseUrl)));
  } finally {
    await stop(fast.child);
  }
  const slow = await startModelServer(latencyMs);
  try {
    results.push(...(await measureConcurrency(slow.baseUrl)));
  } finally {
    await stop(slow.child);
  }
  return results;
}
