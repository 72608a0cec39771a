import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import type { CliContext } from "../cli-context.js";
import { importPromptfooConfig } from "../evaluation/import-promptfoo.js";
import { readStructuredFile } from "../evaluation/read-structured-file.js";
import { type EvalFlags, runEvalCommand } from "../evaluation/run-eval.js";
import { UsageError } from "../usage-error.js";
import { addConnectionOptions } from "./connection.js";

const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerEvalCommand(program: Command, context: CliContext): void {
  const command = addConnectionOptions(
    program
      .command("eval")
      .summary("run prompts × models × test cases and check the outputs (a CI gate)")
      .description(
        "run an evaluation from quire.eval.yaml (prompts × providers × tests, close to promptfoo's config): each cell renders a prompt for a case, calls a model from quire.toml's [[providers]] (cached; --no-cache), and checks the output with the case's assertions. Exit 0 when it passes, 1 when the pass rate is under --threshold, a case regressed against --baseline or the run was cancelled, 2 for a bad config or command line",
      )
      .argument("[config]", "the eval config (default: quire.eval.yaml, .yml or .json here)")
      .option(
        "--concurrency <n>",
        "cells in flight at once (default: evaluateOptions.maxConcurrency, or 4)",
      )
      .option("--repeat <n>", "run every cell n times, to see the variance (default 1)")
      .option("--no-cache", "neither read nor fill the response cache (<data dir>/eval-cache)")
      .option(
        "--resume [run-id]",
        "continue a cancelled or crashed run without redoing its finished cells (the id printed when it started; alone: the latest run)",
      )
      .option("--output <format>", "what stdout shows: table (default), json, junit or html")
      .option(
        "-o, --out <file>",
        "also write the results to a file, in the format of its extension: .json, .xml (JUnit), .html, .txt (repeatable)",
        repeatable,
      )
      .option(
        "--threshold <rate>",
        "exit 1 when under this share of cells pass, 0–1 (errored cells count as not passed)",
      )
      .option(
        "--baseline <file|label>",
        "a previous run's JSON output, or a label (the registry versions behind it, run on the same cases): exit 1 when a case that passed there does not pass now",
      )
      .option(
        "--retries <n>",
        "retries of a failed model call before its cell is errored (default 2)",
      )
      .option("--no-progress", "no progress on stderr")
      // `quire eval import-promptfoo FILE --out X`: options after the subcommand are its own.
      .enablePositionalOptions(),
  ).action(async (config: string | undefined, flags: EvalFlags) => {
    await runEvalCommand(config, flags, context);
  });
  command
    .command("import-promptfoo")
    .summary("write a quire.eval.yaml from a promptfoo config")
    .description(
      "convert promptfooconfig.yaml into quire.eval.yaml: what maps is carried over, what does not is listed (and left out)",
    )
    .argument("<promptfoo-config>", "promptfooconfig.yaml (or .json)")
    .option("--out <file>", "where to write (default: quire.eval.yaml beside the promptfoo config)")
    .option("--force", "overwrite the file if it exists")
    .action((source: string, flags: { out?: string; force?: boolean }) => {
      const absolute = path.resolve(context.workingDirectory, source);
      if (!existsSync(absolute))
        throw new UsageError(`there is no file ${source}`, { file: absolute });
      const file = readStructuredFile(absolute, source);
      const { config, notes } = importPromptfooConfig(file.value);
      const target =
        flags.out === undefined
          ? path.join(path.dirname(absolute), "quire.eval.yaml")
          : path.resolve(context.workingDirectory, flags.out);
      const shown = path.relative(context.workingDirectory, target) || target;
      if (existsSync(target) && flags.force !== true) {
        throw new UsageError(
          `${shown} exists; pass --force to overwrite it, or --out to write elsewhere`,
          {
            file: target,
          },
        );
      }
      const header = [
        `# Converted from ${path.basename(absolute)} by quire eval import-promptfoo.`,
        ...(notes.length === 0
          ? []
          : ["# Not carried over or to check:", ...notes.map((note) => `#   - ${note}`)]),
        "",
      ].join("\n");
      writeFileSync(target, `${header}${stringify(config, { lineWidth: 0 })}`);
      context.stdout.write(`wrote ${shown}\n`);
      if (notes.length > 0) {
        context.stdout.write(`${notes.length} thing(s) to check (also at the top of the file):\n`);
        for (const note of notes) context.stdout.write(`  - ${note}\n`);
      }
    });
}
