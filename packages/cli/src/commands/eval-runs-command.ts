import { type EvalRun, type EvalRunStatus, evalRunStatusSchema } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import {
  formatCost,
  formatInterval,
  formatMilliseconds,
  formatPercent,
} from "../evaluation/eval-report.js";
import { formatTable, printJson } from "../output/format-table.js";
import { UsageError } from "../usage-error.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface JsonFlags extends ConnectionFlags {
  json?: boolean;
}

interface ListFlags extends JsonFlags {
  status?: string;
  limit?: string;
}

interface CompareFlags extends JsonFlags {
  pairBy?: string;
}

const statuses = evalRunStatusSchema.options;
const pairings = ["case-and-model", "case-and-prompt", "case"] as const;

function progressOf(run: EvalRun): string {
  const { done, total, passed, failed, errored } = run.progress;
  return `${done}/${total} (${passed} passed, ${failed} failed, ${errored} errored)`;
}

function describeRun(run: EvalRun): string {
  const lines = formatTable([
    ["run", `${run.id} (${run.status})`],
    ["prompts", run.plan.prompts.map((prompt) => prompt.id).join(", ")],
    ["models", run.plan.models.join(", ")],
    ["dataset", `${run.plan.dataset} (${run.caseCount} cases)`],
    ["cells", progressOf(run)],
    ["created", `${run.createdAt} by ${run.createdBy}`],
    ...(run.finishedAt === null ? [] : [["finished", run.finishedAt]]),
    ...(run.error === null ? [] : [["error", `${run.error.code}: ${run.error.message}`]]),
  ]);
  if (run.summaries === null || run.summaries.length === 0) return lines;
  const rows = [
    ["PROMPT", "MODEL", "PASS RATE (95% CI)", "MEAN SCORE", "P50", "P95", "COST", "ERRORED"],
  ];
  for (const summary of run.summaries) {
    rows.push([
      summary.promptId,
      summary.modelId,
      formatInterval(summary.passRate, true),
      formatInterval(summary.meanScore, false),
      formatMilliseconds(summary.latencyP50Ms),
      formatMilliseconds(summary.latencyP95Ms),
      formatCost(summary.costUsd),
      String(summary.errored),
    ]);
  }
  return `${lines}\n${formatTable(rows)}`;
}

/** `quire eval-runs list|show|cancel|compare`: the server's eval runs (POST /v1/eval-runs starts one). */
export function registerEvalRunsCommand(program: Command, context: CliContext): void {
  const runs = program
    .command("eval-runs")
    .summary("list, show, cancel and compare the server's eval runs")
    .description(
      "eval runs the server executes (registry prompt versions × models × a dataset's cases); quire eval runs files locally instead",
    );

  addConnectionOptions(
    runs
      .command("list")
      .description("the project's eval runs, newest first")
      .option("--status <status>", `only ${statuses.join(", ")}`)
      .option("--limit <n>", "at most this many (default 50)")
      .option("--json", "print JSON"),
  ).action(async (flags: ListFlags) => {
    const status = statuses.find((known) => known === flags.status) as EvalRunStatus | undefined;
    if (flags.status !== undefined && status === undefined) {
      throw new UsageError(
        `--status must be one of ${statuses.join(", ")}, got ${JSON.stringify(flags.status)}`,
      );
    }
    const limit = flags.limit === undefined ? undefined : Number(flags.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 500)) {
      throw new UsageError(`--limit must be a whole number from 1 to 500, got ${flags.limit}`);
    }
    const { client } = connect(flags, context);
    const { items } = await client.listEvalRuns({
      ...(status === undefined ? {} : { status }),
      ...(limit === undefined ? {} : { limit }),
    });
    if (flags.json) {
      printJson(context.stdout, items);
      return;
    }
    if (items.length === 0) {
      context.stdout.write("no eval runs\n");
      return;
    }
    const rows = [["ID", "STATUS", "DATASET", "PROMPTS", "MODELS", "CELLS", "CREATED"]];
    for (const run of items) {
      rows.push([
        run.id,
        run.status,
        run.plan.dataset,
        run.plan.prompts.map((prompt) => prompt.id).join(", "),
        run.plan.models.join(", "),
        `${run.progress.done}/${run.progress.total}`,
        run.createdAt,
      ]);
    }
    context.stdout.write(formatTable(rows));
  });

  addConnectionOptions(
    runs
      .command("show")
      .description("a run's plan, progress and, once finished, its summary per prompt × model")
      .argument("<id>", "the run's id")
      .option("--json", "print JSON"),
  ).action(async (id: string, flags: JsonFlags) => {
    const { client } = connect(flags, context);
    const run = await client.getEvalRun(id);
    if (flags.json) printJson(context.stdout, run);
    else context.stdout.write(describeRun(run));
  });

  addConnectionOptions(
    runs
      .command("cancel")
      .description("stop a queued or running run between cells (finished cells are kept)")
      .argument("<id>", "the run's id")
      .option("--json", "print JSON"),
  ).action(async (id: string, flags: JsonFlags) => {
    const { client } = connect(flags, context);
    const run = await client.cancelEvalRun(id);
    if (flags.json) printJson(context.stdout, run);
    else context.stdout.write(`${run.id} is ${run.status}: ${progressOf(run)}\n`);
  });

  addConnectionOptions(
    runs
      .command("compare")
      .description(
        "the cases that regressed and improved from BASELINE to CANDIDATE, and whether the change in pass rate is significant (McNemar's exact test)",
      )
      .argument("<baseline>", "the earlier run's id")
      .argument("<candidate>", "the later run's id")
      .option("--pair-by <pairing>", `${pairings.join(", ")} (default: every id both runs share)`)
      .option("--json", "print JSON"),
  ).action(async (baseline: string, candidate: string, flags: CompareFlags) => {
    const pairBy = pairings.find((known) => known === flags.pairBy);
    if (flags.pairBy !== undefined && pairBy === undefined) {
      throw new UsageError(
        `--pair-by must be one of ${pairings.join(", ")}, got ${JSON.stringify(flags.pairBy)}`,
      );
    }
    const { client } = connect(flags, context);
    const comparison = await client.compareEvalRuns(
      baseline,
      candidate,
      pairBy === undefined ? {} : { pairBy },
    );
    if (flags.json) {
      printJson(context.stdout, comparison);
      return;
    }
    const rate = (value: number | null) => (value === null ? "–" : formatPercent(value));
    const { passRateTest } = comparison;
    const lines = [
      `${comparison.paired} paired cells: pass rate ${rate(comparison.baselinePassRate)} → ${rate(comparison.candidatePassRate)} (${passRateTest.significant ? "significant" : "not significant"}, p = ${passRateTest.pValue.toPrecision(3)}, ${passRateTest.test})`,
    ];
    for (const [title, changes] of [
      ["regressed", comparison.regressed],
      ["improved", comparison.improved],
    ] as const) {
      lines.push(`${title}: ${changes.length}`);
      for (const change of changes.slice(0, 50)) {
        lines.push(
          `  ${change.caseId} (${change.promptId}, ${change.modelId}): ${change.baseline.status} → ${change.candidate.status}`,
        );
      }
    }
    context.stdout.write(`${lines.join("\n")}\n`);
  });
}
