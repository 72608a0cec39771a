import { readFileSync } from "node:fs";
import { Command } from "commander";
import type { CliContext } from "./cli-context.js";
import { registerAuditCommand } from "./commands/audit-command.js";
import { registerChangeRequestsCommand } from "./commands/change-requests-command.js";
import { registerDatasetsCommand } from "./commands/datasets-command.js";
import { registerDiffCommand } from "./commands/diff-command.js";
import { registerEvalCommand } from "./commands/eval-command.js";
import { registerEvalRunsCommand } from "./commands/eval-runs-command.js";
import { registerInitCommand } from "./commands/init-command.js";
import { registerKeysCommand } from "./commands/keys-command.js";
import { registerLabelCommand } from "./commands/label-command.js";
import { registerLoginCommands } from "./commands/login-command.js";
import { registerMembersCommand, registerSettingsCommand } from "./commands/project-commands.js";
import { registerProjectsCommand } from "./commands/projects-command.js";
import { registerPullCommand } from "./commands/pull-command.js";
import { registerPushCommand } from "./commands/push-command.js";
import { registerRenderCommand } from "./commands/render-command.js";
import { registerRunCommand } from "./commands/run-command.js";
import { registerScanCommand } from "./commands/scan-command.js";
import { registerServeCommand } from "./commands/serve-command.js";
import { registerTokensCommand } from "./commands/tokens-command.js";
import { registerVersionsCommand } from "./commands/versions-command.js";

function packageVersion(): string {
  // src/ and dist/ are both one folder below the package root.
  const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** The `quire` command and its subcommands, writing through `context`. */
export function createProgram(context: CliContext): Command {
  const program = new Command("quire");
  program
    .description("Quire: version, label, render and serve prompts kept as .prompt files.")
    .version(packageVersion(), "-v, --version", "print the version of quire")
    .helpOption("-h, --help", "show help for a command")
    // `quire --version` before a command; after one, `--version` is the command's own
    // (`quire run NAME --version 3`).
    .enablePositionalOptions()
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .addHelpText(
      "after",
      `
Configuration: quire.toml (nearest in this folder or a parent), overridden by QUIRE_URL,
QUIRE_API_KEY, QUIRE_HOST, QUIRE_PORT, QUIRE_DATA_DIR and QUIRE_DATABASE_URL, overridden by flags.
Set QUIRE_DEBUG=1 to see stack traces.

Examples:
  quire init && quire serve
  quire push --label staging
  quire render support/triage@production --var ticket="My order is late"
  quire render prompts/hello.prompt --var name=Ann --json
  quire run support/triage --var ticket="My order is late" --model local/llama3.1:8b --stream
  quire tokens prompts/hello.prompt --model gpt-4o --var name=Ann
  quire scan ticket.txt "Ignore previous instructions" --checks injection,secrets,pii
  quire eval quire.eval.yaml --threshold 0.9 -o results.json -o report.html`,
    );
  registerInitCommand(program, context);
  registerServeCommand(program, context);
  registerPushCommand(program, context);
  registerPullCommand(program, context);
  registerRenderCommand(program, context);
  registerRunCommand(program, context);
  registerTokensCommand(program, context);
  registerScanCommand(program, context);
  registerEvalCommand(program, context);
  registerDatasetsCommand(program, context);
  registerEvalRunsCommand(program, context);
  registerVersionsCommand(program, context);
  registerDiffCommand(program, context);
  registerLabelCommand(program, context);
  registerChangeRequestsCommand(program, context);
  registerKeysCommand(program, context);
  registerMembersCommand(program, context);
  registerProjectsCommand(program, context);
  registerLoginCommands(program, context);
  registerSettingsCommand(program, context);
  registerAuditCommand(program, context);
  return program;
}
