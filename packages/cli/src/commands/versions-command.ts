import type { Version } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatTable, printJson } from "../output/format-table.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface VersionsFlags extends ConnectionFlags {
  json?: boolean;
}

export function registerVersionsCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("versions")
      .description("list the versions of a prompt, with their labels")
      .argument("<name>", 'prompt name, like "support/triage"')
      .option("--json", "print the versions as JSON"),
  ).action(async (name: string, flags: VersionsFlags) => {
    const { client } = connect(flags, context);
    const versions: Version[] = [];
    for await (const version of client.iterateVersions(name, { limit: 500 }))
      versions.push(version);
    if (flags.json) {
      printJson(context.stdout, versions);
      return;
    }
    const { colors } = context;
    const rows = [
      ["VERSION", "LABELS", "CREATED", "AUTHOR", "MESSAGE"].map((title) => colors.bold(title)),
      ...versions.map((version) => [
        `v${version.number}`,
        version.labels.length === 0 ? colors.dim("-") : colors.green(version.labels.join(", ")),
        version.createdAt.replace("T", " ").replace(/\.\d+Z$|Z$/, "Z"),
        version.author,
        version.message.split("\n")[0] ?? "",
      ]),
    ];
    context.stdout.write(formatTable(rows));
  });
}
