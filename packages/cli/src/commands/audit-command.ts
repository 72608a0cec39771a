import type { AuditFilters } from "@quire/client";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatTable, printJson } from "../output/format-table.js";
import { UsageError } from "../usage-error.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface AuditFlags extends ConnectionFlags {
  action?: string;
  actor?: string;
  target?: string;
  since?: string;
  until?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

function brief(value: unknown): string {
  return value === null || value === undefined ? "-" : JSON.stringify(value);
}

/** `quire audit`: the project's audit log, newest first (admin). */
export function registerAuditCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("audit")
      .summary("show the audit log: who wrote what, when, before and after (admin)")
      .description(
        "show your key's project's audit log, newest first; the next page's cursor is printed on stderr",
      )
      .option("--action <action>", "only this action, like label.move")
      .option("--actor <actor>", "only this actor, like key:ci")
      .option("--target <prefix>", "only targets starting with this, like support/triage")
      .option("--since <time>", "only entries at or after this ISO 8601 time")
      .option("--until <time>", "only entries before this ISO 8601 time")
      .option("--limit <count>", "entries per page (1–500)", "50")
      .option("--cursor <cursor>", "the cursor printed by the previous page")
      .option("--json", "print the page as JSON"),
  ).action(async (flags: AuditFlags) => {
    const limitText = flags.limit ?? "50";
    if (!/^[1-9]\d*$/.test(limitText) || Number(limitText) > 500) {
      throw new UsageError(`--limit must be a whole number from 1 to 500, got ${limitText}`);
    }
    const filters: AuditFilters = { limit: Number(limitText) };
    if (flags.action !== undefined) filters.action = flags.action;
    if (flags.actor !== undefined) filters.actor = flags.actor;
    if (flags.target !== undefined) filters.target = flags.target;
    if (flags.since !== undefined) filters.since = flags.since;
    if (flags.until !== undefined) filters.until = flags.until;
    if (flags.cursor !== undefined) filters.cursor = flags.cursor;
    const { client } = connect(flags, context);
    const page = await client.listAudit(filters);
    if (flags.json) {
      printJson(context.stdout, page);
      return;
    }
    const rows = [["TIME", "ACTOR", "ACTION", "TARGET", "BEFORE", "AFTER"]];
    for (const entry of page.items) {
      rows.push([
        entry.createdAt,
        entry.actor,
        entry.action,
        entry.target,
        brief(entry.before),
        brief(entry.after),
      ]);
    }
    context.stdout.write(formatTable(rows));
    if (page.nextCursor !== null) {
      context.stderr.write(`more: quire audit --cursor ${page.nextCursor}\n`);
    }
  });
}
