import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Dataset, DatasetCase } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatTable, printJson } from "../output/format-table.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";
import { formatOfFileName, formatOption, readDatasetFile } from "./dataset-file.js";

interface JsonFlags extends ConnectionFlags {
  json?: boolean;
}

interface ShowFlags extends JsonFlags {
  cases?: boolean;
}

interface CreateFlags extends JsonFlags {
  description?: string;
  from?: string;
  format?: string;
}

interface ImportFlags extends JsonFlags {
  format?: string;
}

interface ExportFlags extends ConnectionFlags {
  format?: string;
  output?: string;
}

interface AddExecutionFlags extends JsonFlags {
  caseId?: string;
}

const formatHelp = "csv, json or jsonl (default: from the file's extension)";

/** Compact JSON cut to `width` characters, for a table cell. */
function cell(value: unknown, width = 60): string {
  if (value === undefined) return "";
  const text = (typeof value === "string" ? value : JSON.stringify(value)).replace(/\s+/g, " ");
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function caseRows(cases: readonly DatasetCase[]): string[][] {
  const rows = [["#", "ID", "VARIABLES", "EXPECTED", "ASSERTIONS"]];
  for (const testCase of cases) {
    rows.push([
      String(testCase.position),
      testCase.id,
      cell(testCase.variables),
      cell(testCase.expected, 40),
      (testCase.assertions ?? []).map((assertion) => assertion.type).join(", "),
    ]);
  }
  return rows;
}

function describeDataset(dataset: Dataset): string {
  return formatTable([
    ["name", dataset.name],
    ["description", dataset.description === "" ? "—" : dataset.description],
    ["cases", String(dataset.caseCount)],
    ["created", `${dataset.createdAt} by ${dataset.createdBy}`],
    ["updated", dataset.updatedAt],
  ]);
}

/**
 * `quire datasets list|show|create|import|export|delete|add-execution`: the server's datasets of
 * test cases, which server eval runs use (`quire eval` reads files and needs none of this).
 */
export function registerDatasetsCommand(program: Command, context: CliContext): void {
  const datasets = program
    .command("datasets")
    .summary("list, create, import, export and delete the server's datasets of test cases")
    .description(
      "datasets of test cases (variables, expected output, assertions) kept on the server for its eval runs; files are CSV, JSON (an array) or JSONL, read with the same parser as quire eval",
    );

  addConnectionOptions(
    datasets
      .command("list")
      .description("the project's datasets by name")
      .option("--json", "print JSON"),
  ).action(async (flags: JsonFlags) => {
    const { client } = connect(flags, context);
    const items: Dataset[] = [];
    for await (const dataset of client.iterateDatasets()) items.push(dataset);
    if (flags.json) {
      printJson(context.stdout, items);
      return;
    }
    if (items.length === 0) {
      context.stdout.write(
        "no datasets yet: create one with quire datasets create NAME --from FILE\n",
      );
      return;
    }
    const rows = [["NAME", "CASES", "UPDATED", "DESCRIPTION"]];
    for (const dataset of items) {
      rows.push([
        dataset.name,
        String(dataset.caseCount),
        dataset.updatedAt,
        cell(dataset.description),
      ]);
    }
    context.stdout.write(formatTable(rows));
  });

  addConnectionOptions(
    datasets
      .command("show")
      .description("a dataset's description and case count; with --cases, its cases in order")
      .argument("<name>", 'the dataset, e.g. "support/smoke"')
      .option("--cases", "list the cases too")
      .option("--json", "print JSON ({dataset, cases?})"),
  ).action(async (name: string, flags: ShowFlags) => {
    const { client } = connect(flags, context);
    const dataset = await client.getDataset(name);
    const cases: DatasetCase[] = [];
    if (flags.cases) for await (const testCase of client.iterateCases(name)) cases.push(testCase);
    if (flags.json) {
      printJson(context.stdout, flags.cases ? { dataset, cases } : { dataset });
      return;
    }
    context.stdout.write(describeDataset(dataset));
    if (flags.cases) {
      context.stdout.write(
        cases.length === 0 ? "\nno cases\n" : `\n${formatTable(caseRows(cases))}`,
      );
    }
  });

  addConnectionOptions(
    datasets
      .command("create")
      .description("create a dataset, empty or with the cases of a file (all or nothing)")
      .argument("<name>", 'the dataset, e.g. "support/smoke"')
      .option("--description <text>", "what the dataset is for")
      .option("--from <file>", "its first cases: a CSV, JSON or JSONL file")
      .option("--format <format>", formatHelp)
      .option("--json", "print JSON"),
  ).action(async (name: string, flags: CreateFlags) => {
    const file =
      flags.from === undefined
        ? undefined
        : readDatasetFile(flags.from, flags.format, context.workingDirectory);
    const { client } = connect(flags, context);
    const dataset = await client.createDataset({
      name,
      ...(flags.description === undefined ? {} : { description: flags.description }),
      ...(file === undefined ? {} : { cases: file.cases }),
    });
    if (flags.json) printJson(context.stdout, dataset);
    else context.stdout.write(`created ${dataset.name} with ${dataset.caseCount} cases\n`);
  });

  addConnectionOptions(
    datasets
      .command("import")
      .description(
        "append the cases of a CSV, JSON or JSONL file; a malformed file, or an id already in the dataset, stores nothing",
      )
      .argument("<name>", "the dataset")
      .argument("<file>", "the file")
      .option("--format <format>", formatHelp)
      .option("--json", "print JSON"),
  ).action(async (name: string, fileName: string, flags: ImportFlags) => {
    const file = readDatasetFile(fileName, flags.format, context.workingDirectory);
    const { client } = connect(flags, context);
    const outcome = await client.importDataset(name, file.text, file.format);
    if (flags.json) printJson(context.stdout, outcome);
    else {
      context.stdout.write(
        `imported ${outcome.imported} cases into ${outcome.dataset} (${outcome.caseCount} in all)\n`,
      );
    }
  });

  addConnectionOptions(
    datasets
      .command("export")
      .description("write a dataset's cases as CSV, JSON or JSONL (quire eval reads them back)")
      .argument("<name>", "the dataset")
      .option(
        "--format <format>",
        "csv, json or jsonl (default: from --output's extension, else json)",
      )
      .option("-o, --output <file>", "write to this file (default: stdout)"),
  ).action(async (name: string, flags: ExportFlags) => {
    const format =
      formatOption(flags.format) ??
      (flags.output === undefined ? undefined : formatOfFileName(flags.output)) ??
      "json";
    const { client } = connect(flags, context);
    const text = await client.exportDataset(name, format);
    if (flags.output === undefined) {
      context.stdout.write(text.endsWith("\n") || text === "" ? text : `${text}\n`);
      return;
    }
    writeFileSync(path.resolve(context.workingDirectory, flags.output), text);
    context.stderr.write(`wrote ${name} to ${flags.output} (${format})\n`);
  });

  addConnectionOptions(
    datasets
      .command("delete")
      .description("delete a dataset and its cases (past eval runs keep their snapshot of them)")
      .argument("<name>", "the dataset")
      .option("--json", "print JSON (the dataset as it was)"),
  ).action(async (name: string, flags: JsonFlags) => {
    const { client } = connect(flags, context);
    const dataset = await client.deleteDataset(name);
    if (flags.json) printJson(context.stdout, dataset);
    else context.stdout.write(`deleted ${dataset.name} (${dataset.caseCount} cases)\n`);
  });

  addConnectionOptions(
    datasets
      .command("add-execution")
      .description(
        "save a logged execution as a case: its variables as the case's, its output as the expected value",
      )
      .argument("<name>", "the dataset")
      .argument("<execution-id>", "the execution's id (quire run --json, or the execution log)")
      .option("--case-id <id>", "the new case's id (default: the execution's id)")
      .option("--json", "print JSON"),
  ).action(async (name: string, executionId: string, flags: AddExecutionFlags) => {
    const { client } = connect(flags, context);
    const added = await client.saveExecutionAsCase(name, {
      executionId,
      ...(flags.caseId === undefined ? {} : { caseId: flags.caseId }),
    });
    if (flags.json) printJson(context.stdout, added);
    else context.stdout.write(`added case ${added.id} to ${name} (case ${added.position})\n`);
  });
}
