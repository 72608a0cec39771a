import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  findComponentReferences,
  implicitLabel,
  type Prompt,
  QuireError,
  type Version,
} from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatTable, printJson } from "../output/format-table.js";
import { serializePromptVersion } from "../prompt-files/prompt-file-codec.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface PullFlags extends ConnectionFlags {
  label: string;
  prefix?: string;
  json?: boolean;
}

export interface PullOutcome {
  name: string;
  file: string;
  status: "written" | "unchanged";
  version: number;
  /** The label the version was chosen by, or null when the prompt lacks it and latest was used. */
  label: string | null;
}

export function registerPullCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("pull")
      .summary("write the server's prompts as .prompt files")
      .description(
        "write each prompt on the server as DIR/<name>.prompt: the version at --label, or the latest version when the prompt has no such label. A prompt that another pulled prompt includes ({{> dir/name}}) is written as the partial DIR/dir/_name.prompt, as push reads it.",
      )
      .argument(
        "[dir]",
        "folder to write into (default: [project] promptsDir in quire.toml, or prompts)",
      )
      .option(
        "-l, --label <label>",
        'which version of each prompt to write ("latest" for the newest)',
        "production",
      )
      .option("--prefix <folder>", 'only prompts whose name starts with this, like "support/"')
      .option("--json", "print the outcome per prompt as JSON"),
  ).action(async (directory: string | undefined, flags: PullFlags) => {
    const { client, config } = connect(flags, context);
    const folder =
      directory === undefined
        ? config.promptsDirectory
        : path.resolve(context.workingDirectory, directory);
    const outcomes: PullOutcome[] = [];
    const pulled: { prompt: Prompt; version: Version; labelled: number | undefined }[] = [];
    for await (const prompt of client.iteratePrompts({ prefix: flags.prefix, limit: 500 })) {
      // "latest" is implicit: it always means the newest version.
      const labelled =
        flags.label === implicitLabel ? prompt.latestVersion : prompt.labels[flags.label];
      const number = labelled ?? prompt.latestVersion;
      const { version } = await client.getPrompt(prompt.name, { version: number });
      pulled.push({ prompt, version, labelled });
    }
    const included = new Set(
      pulled.flatMap(({ version }) => {
        try {
          return findComponentReferences(version).map((site) => site.reference.name);
        } catch {
          return [];
        }
      }),
    );
    for (const { prompt, version, labelled } of pulled) {
      const number = version.number;
      const text = serializePromptVersion(prompt, version);
      const slash = prompt.name.lastIndexOf("/");
      const relativeFile = included.has(prompt.name)
        ? `${prompt.name.slice(0, slash + 1)}_${prompt.name.slice(slash + 1)}.prompt`
        : `${prompt.name}.prompt`;
      const target = path.join(folder, ...relativeFile.split("/"));
      if (path.relative(folder, target).startsWith("..")) {
        throw new QuireError(
          "VALIDATION_FAILED",
          `The server sent a prompt named ${JSON.stringify(prompt.name)}, which would be written outside ${folder}; nothing more was written.`,
          { details: { name: prompt.name } },
        );
      }
      const unchanged = existsSync(target) && readFileSync(target, "utf8") === text;
      if (!unchanged) {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
      outcomes.push({
        name: prompt.name,
        file: path.relative(context.workingDirectory, target),
        status: unchanged ? "unchanged" : "written",
        version: number,
        label: labelled === undefined ? null : flags.label,
      });
    }
    if (flags.json) {
      printJson(context.stdout, outcomes);
      return;
    }
    const { colors } = context;
    const rows = outcomes.map((outcome) => [
      outcome.status === "written" ? colors.green("written") : colors.dim("unchanged"),
      outcome.file,
      `v${outcome.version}`,
      outcome.label === null
        ? colors.yellow(`latest (no ${flags.label} label)`)
        : colors.cyan(outcome.label),
    ]);
    const written = outcomes.filter((outcome) => outcome.status === "written").length;
    context.stdout.write(
      outcomes.length === 0
        ? "no prompts on the server\n"
        : `${formatTable(rows)}${colors.dim(`${written} written, ${outcomes.length - written} unchanged`)}\n`,
    );
  });
}
