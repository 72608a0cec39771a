import path from "node:path";
import type { QuireClient } from "@quire/client";
import { type CreateVersionResponse, isQuireError, QuireError } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { mapConcurrently } from "../concurrency/map-concurrently.js";
import { formatTable, printJson } from "../output/format-table.js";
import { type LoadedPromptFile, loadPromptFolder } from "../prompt-files/load-prompt-folder.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface PushFlags extends ConnectionFlags {
  label?: string;
  message?: string;
  json?: boolean;
}

export interface PushOutcome {
  name: string;
  file: string;
  /** `component` for a `_name.prompt` partial (`dir/_header.prompt` → `dir/header`). */
  kind: "prompt" | "component";
  status: "created" | "unchanged";
  version: number;
  labelsMoved: { label: string; fromVersion: number | null; toVersion: number }[];
  /** Protected labels under the two-person rule: a change request was opened instead. */
  labelsPending: { label: string; changeRequest: string }[];
}

const pushConcurrency = 8;

export function registerPushCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("push")
      .summary("send .prompt files to the server as new versions")
      .description(
        "send every .prompt file under DIR to the server: a new version where the content changed, nothing where it did not. Partials (_name.prompt) are sent first, as components other prompts include ({{> dir/name}} for dir/_name.prompt). All files are checked first; if any is bad, nothing is sent.",
      )
      .argument(
        "[dir]",
        "folder of .prompt files (default: [project] promptsDir in quire.toml, or prompts)",
      )
      .option(
        "-l, --label <label>",
        'also point this label (like "staging") at each pushed version',
      )
      .option("-m, --message <text>", "commit message recorded on new versions")
      .option("--json", "print the outcome per prompt as JSON"),
  ).action(async (directory: string | undefined, flags: PushFlags) => {
    const { client, config } = connect(flags, context);
    const folder =
      directory === undefined
        ? config.promptsDirectory
        : path.resolve(context.workingDirectory, directory);
    const shownFolder =
      path.relative(context.workingDirectory, folder).split(path.sep).join("/") || ".";
    const { prompts, components } = loadPromptFolder(folder, shownFolder);
    const send = (file: LoadedPromptFile) =>
      pushOne(client, file, flags).catch((error: unknown) => {
        throw inFile(error, `${shownFolder}/${file.file}`);
      });
    // Components first, each after those it includes: the server checks that what a prompt
    // includes exists.
    const outcomes: PushOutcome[] = [];
    for (const component of components) outcomes.push(await send(component));
    // A few requests in flight: the server handles them concurrently, and outcomes keep file order.
    outcomes.push(...(await mapConcurrently(prompts, pushConcurrency, send)));
    if (flags.json) {
      printJson(context.stdout, outcomes);
      return;
    }
    context.stdout.write(formatOutcomes(outcomes, context));
  });
}

async function pushOne(
  client: QuireClient,
  file: LoadedPromptFile,
  flags: PushFlags,
): Promise<PushOutcome> {
  const message = flags.message ?? `quire push ${file.file}`;
  const body = { ...file.request, message };
  let result: CreateVersionResponse;
  try {
    result = await client.createVersion(file.name, body);
  } catch (error) {
    if (!isQuireError(error) || error.code !== "NOT_FOUND") throw error;
    try {
      result = await client.createPrompt({ ...body, name: file.name });
    } catch (createError) {
      // Someone created it between the two calls: it exists now, so add a version.
      if (!isQuireError(createError) || createError.code !== "CONFLICT") throw createError;
      result = await client.createVersion(file.name, body);
    }
  }
  const wanted = [
    ...new Set([...file.labels, ...(flags.label === undefined ? [] : [flags.label])]),
  ];
  const labelsMoved: PushOutcome["labelsMoved"] = [];
  const labelsPending: PushOutcome["labelsPending"] = [];
  for (const label of wanted) {
    const current = result.prompt.labels[label];
    if (current === result.version.number) continue;
    const outcome = await client.moveLabel(file.name, label, result.version.number, {
      reason: `quire push ${file.file}`,
    });
    if (outcome.status === "pending-approval") {
      labelsPending.push({ label, changeRequest: outcome.changeRequest.id });
      continue;
    }
    const move = outcome.move;
    labelsMoved.push({ label, fromVersion: move.fromVersion, toVersion: move.toVersion });
  }
  return {
    name: file.name,
    file: file.file,
    kind: file.kind,
    status: result.created ? "created" : "unchanged",
    version: result.version.number,
    labelsMoved,
    labelsPending,
  };
}

function formatOutcomes(outcomes: readonly PushOutcome[], context: CliContext): string {
  const { colors } = context;
  if (outcomes.length === 0) return "no .prompt files found\n";
  const rows = outcomes.map((outcome) => {
    const moves = outcome.labelsMoved.map(
      (move) =>
        `${colors.cyan(move.label)} → v${move.toVersion}${move.fromVersion === null ? "" : colors.dim(` (was v${move.fromVersion})`)}`,
    );
    const pending = outcome.labelsPending.map(
      (entry) =>
        `${colors.yellow(entry.label)} awaits approval ${colors.dim(`(change request ${entry.changeRequest})`)}`,
    );
    const kind = outcome.kind === "component" ? [colors.dim(`component from ${outcome.file}`)] : [];
    return [
      outcome.status === "created" ? colors.green("created") : colors.dim("unchanged"),
      outcome.name,
      `v${outcome.version}`,
      [...kind, ...moves, ...pending].join(", "),
    ];
  });
  const count = (status: PushOutcome["status"]): number =>
    outcomes.filter((outcome) => outcome.status === status).length;
  const components = outcomes.filter((outcome) => outcome.kind === "component").length;
  const summary = colors.dim(
    `${count("created")} created, ${count("unchanged")} unchanged${components === 0 ? "" : ` (${components} of them components)`}`,
  );
  return `${formatTable(rows)}${summary}\n`;
}

/** Names the file a server error is about; files pushed before it stay pushed. */
function inFile(error: unknown, file: string): unknown {
  if (!isQuireError(error) || error.code === "UNAVAILABLE" || error.code === "UNAUTHORIZED") {
    return error;
  }
  return new QuireError(
    error.code,
    `${file}: ${error.message} (other files may have been pushed already; fix this one and push again)`,
    { details: { ...error.details, file }, cause: error, retryable: error.retryable },
  );
}
