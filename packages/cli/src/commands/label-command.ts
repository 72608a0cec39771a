import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { printJson } from "../output/format-table.js";
import { UsageError } from "../usage-error.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface LabelFlags extends ConnectionFlags {
  reason?: string;
  json?: boolean;
}

export function registerLabelCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("label")
      .summary("point a label at a version (deploy, roll back)")
      .description("point a label (production, staging, …) at a version: deploy or roll back")
      .argument("<name>", "prompt name")
      .argument("<label>", 'label to move, like "production"')
      .argument("<version>", "version number the label should point at")
      .option("--reason <text>", "why, recorded in the label history")
      .option("--json", "print the recorded label move as JSON"),
  ).action(async (name: string, label: string, versionText: string, flags: LabelFlags) => {
    if (!/^[1-9]\d*$/.test(versionText)) {
      throw new UsageError(
        `VERSION must be a positive whole number, got ${JSON.stringify(versionText)}`,
      );
    }
    const { client } = connect(flags, context);
    const outcome = await client.moveLabel(name, label, Number(versionText), {
      reason: flags.reason,
    });
    const { colors } = context;
    if (outcome.status === "pending-approval") {
      const request = outcome.changeRequest;
      if (flags.json) {
        printJson(context.stdout, request);
        return;
      }
      context.stdout.write(
        `${name}: ${colors.yellow(label)} not moved: the project has the two-person rule, so change request ${request.id} (→ v${request.toVersion}) awaits another publisher's approval ${colors.dim(`(POST /v1/change-requests/${request.id}/approve)`)}\n`,
      );
      return;
    }
    const move = outcome.move;
    if (flags.json) {
      printJson(context.stdout, move);
      return;
    }
    const before =
      move.fromVersion === null
        ? "new label"
        : move.fromVersion === move.toVersion
          ? "unchanged"
          : `was v${move.fromVersion}`;
    context.stdout.write(
      `${name}: ${colors.green(move.label)} → v${move.toVersion} ${colors.dim(`(${before})`)}\n`,
    );
  });
}
