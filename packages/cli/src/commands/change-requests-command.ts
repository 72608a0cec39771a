import type { ChangeRequest } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatTable, printJson } from "../output/format-table.js";
import { UsageError } from "../usage-error.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface ChangeRequestFlags extends ConnectionFlags {
  json?: boolean;
  status?: string;
}

const statuses = ["open", "approved", "rejected"] as const;

function move(request: ChangeRequest): string {
  const from = request.fromVersion === null ? "nothing" : `v${request.fromVersion}`;
  return `${request.prompt}: ${request.label} ${from} → v${request.toVersion}`;
}

/**
 * `quire change-requests list|show|approve|reject`: under the two-person rule a protected label
 * moves only when another publisher approves the change request its move opened.
 */
export function registerChangeRequestsCommand(program: Command, context: CliContext): void {
  const command = program
    .command("change-requests")
    .summary("list, show, approve and reject label moves awaiting approval")
    .description(
      "under the two-person rule (project settings), moving a protected label opens a change request; another publisher approves it (the label then moves) or rejects it",
    );

  addConnectionOptions(
    command
      .command("list")
      .description("the project's change requests, newest first")
      .option("--status <status>", `only ${statuses.join(", ")}`)
      .option("--json", "print JSON"),
  ).action(async (flags: ChangeRequestFlags) => {
    const status = statuses.find((known) => known === flags.status);
    if (flags.status !== undefined && status === undefined) {
      throw new UsageError(
        `--status must be one of ${statuses.join(", ")}, got ${JSON.stringify(flags.status)}`,
      );
    }
    const { client } = connect(flags, context);
    const { items } = await client.listChangeRequests(status === undefined ? {} : { status });
    if (flags.json) {
      printJson(context.stdout, items);
      return;
    }
    if (items.length === 0) {
      context.stdout.write("no change requests\n");
      return;
    }
    const rows = [["ID", "STATUS", "MOVE", "ASKED BY", "REASON", "DECIDED BY"]];
    for (const request of items) {
      rows.push([
        request.id,
        request.status,
        move(request),
        request.author,
        request.reason,
        request.decidedBy ?? "",
      ]);
    }
    context.stdout.write(formatTable(rows));
  });

  addConnectionOptions(
    command
      .command("show")
      .description("one change request with the diff from the label's version to the one asked for")
      .argument("<id>", "the change request's id")
      .option("--json", "print JSON"),
  ).action(async (id: string, flags: ChangeRequestFlags) => {
    const { client } = connect(flags, context);
    const request = await client.getChangeRequest(id);
    if (flags.json) {
      printJson(context.stdout, request);
      return;
    }
    const lines = [
      `change request ${request.id} (${request.status}) by ${request.author}: ${move(request)}`,
      request.reason === "" ? "" : `reason: ${request.reason}`,
    ].filter((line) => line !== "");
    if (request.diff !== null) {
      for (const line of request.diff.template.lines) {
        const marker = line.kind === "added" ? "+ " : line.kind === "removed" ? "- " : "  ";
        lines.push(`${marker}${line.text}`);
      }
      for (const field of request.diff.fields) {
        lines.push(
          `~ ${field.path}: ${JSON.stringify(field.before)} → ${JSON.stringify(field.after)}`,
        );
      }
    }
    context.stdout.write(`${lines.join("\n")}\n`);
  });

  for (const decision of ["approve", "reject"] as const) {
    addConnectionOptions(
      command
        .command(decision)
        .description(
          decision === "approve"
            ? "approve a request: the label moves now (a publisher other than its author)"
            : "reject a request: the label stays where it is",
        )
        .argument("<id>", "the change request's id")
        .option("--json", "print JSON"),
    ).action(async (id: string, flags: ChangeRequestFlags) => {
      const { client } = connect(flags, context);
      const request =
        decision === "approve"
          ? await client.approveChangeRequest(id)
          : await client.rejectChangeRequest(id);
      if (flags.json) {
        printJson(context.stdout, request);
        return;
      }
      context.stdout.write(
        decision === "approve"
          ? `approved ${request.id}: ${move(request)} — the label moved\n`
          : `rejected ${request.id}: ${move(request)} — the label did not move\n`,
      );
    });
  }
}
