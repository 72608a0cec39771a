import type { VersionDiff } from "@quire/core";
import type { Command } from "commander";
import type { CliContext, Colors } from "../cli-context.js";
import { printJson } from "../output/format-table.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";
import { parseVersionArgument } from "./prompt-reference.js";

interface DiffFlags extends ConnectionFlags {
  json?: boolean;
}

export function registerDiffCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("diff")
      .summary("show what changed between two versions")
      .description(
        "show what changed between two versions: the template as a unified diff, then the changed fields",
      )
      .argument("<name>", "prompt name")
      .argument("<from>", 'version number, or a label like "production"')
      .argument("<to>", 'version number, or a label like "staging" or "latest"')
      .option("--json", "print the diff as JSON"),
  ).action(async (name: string, fromText: string, toText: string, flags: DiffFlags) => {
    const { client } = connect(flags, context);
    let from = Number(fromText);
    let to = Number(toText);
    if (!/^[1-9]\d*$/.test(fromText) || !/^[1-9]\d*$/.test(toText)) {
      const { prompt } = await client.getPrompt(name, { version: 1 });
      from = parseVersionArgument(fromText, prompt.labels, prompt.latestVersion, name);
      to = parseVersionArgument(toText, prompt.labels, prompt.latestVersion, name);
    }
    const diff = await client.diff(name, from, to);
    if (flags.json) printJson(context.stdout, diff);
    else context.stdout.write(formatDiff(diff, context.colors));
  });
}

export function formatDiff(diff: VersionDiff, colors: Colors): string {
  const lines: string[] = [colors.bold(`${diff.prompt}: v${diff.from} → v${diff.to}`)];
  if (diff.template.unified === "") {
    lines.push(colors.dim("template unchanged"));
  } else {
    lines.push(
      `template: ${colors.green(`+${diff.template.added}`)} ${colors.red(`-${diff.template.removed}`)}`,
    );
    for (const line of diff.template.unified.split("\n")) {
      if (line.startsWith("====") || line.startsWith("Index:") || line === "") continue;
      if (line.startsWith("+++") || line.startsWith("---")) lines.push(colors.bold(line));
      else if (line.startsWith("@@")) lines.push(colors.cyan(line));
      else if (line.startsWith("+")) lines.push(colors.green(line));
      else if (line.startsWith("-")) lines.push(colors.red(line));
      else if (line.startsWith("\\")) lines.push(colors.dim(line));
      else lines.push(line);
    }
  }
  if (diff.fields.length === 0) {
    lines.push(colors.dim("no other field changed"));
  } else {
    lines.push(colors.bold("changed fields:"));
    for (const change of diff.fields) {
      const before = JSON.stringify(change.before);
      const after = JSON.stringify(change.after);
      if (change.kind === "added") lines.push(colors.green(`  + ${change.path}: ${after}`));
      else if (change.kind === "removed") lines.push(colors.red(`  - ${change.path}: ${before}`));
      else lines.push(`  ~ ${change.path}: ${colors.red(before)} → ${colors.green(after)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
