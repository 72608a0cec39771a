import { type ApiKey, roles } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatTable, printJson } from "../output/format-table.js";
import { UsageError } from "../usage-error.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface KeysFlags extends ConnectionFlags {
  json?: boolean;
}

interface CreateFlags extends KeysFlags {
  role?: string;
  expires?: string;
}

function state(key: ApiKey): string {
  if (key.revokedAt !== null) return `revoked ${key.revokedAt}`;
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now()) {
    return `expired ${key.expiresAt}`;
  }
  return "active";
}

/** `quire keys list|create|revoke`: the API keys of the project of the key in use (admin). */
export function registerKeysCommand(program: Command, context: CliContext): void {
  const keys = program
    .command("keys")
    .summary("list, create and revoke API keys (admin)")
    .description(
      "manage the API keys of your key's project: list them by prefix with last use, create one (its secret is printed once), revoke one (at once, on every server)",
    );

  addConnectionOptions(
    keys.command("list").description("list the project's keys").option("--json", "print JSON"),
  ).action(async (flags: KeysFlags) => {
    const { client } = connect(flags, context);
    const { items } = await client.listApiKeys();
    if (flags.json) {
      printJson(context.stdout, items);
      return;
    }
    const rows = [["ID", "PREFIX", "NAME", "ROLE", "LAST USED", "STATE"]];
    for (const key of items) {
      rows.push([
        key.id,
        `${key.prefix}…`,
        key.name,
        key.role,
        key.lastUsedAt ?? "never",
        state(key),
      ]);
    }
    context.stdout.write(formatTable(rows));
  });

  addConnectionOptions(
    keys
      .command("create")
      .description("create a key; its secret is printed once, on stdout")
      .argument("<name>", 'what the key is for, like "ci-deploy"')
      .option("--role <role>", `one of ${roles.join(", ")}`, "viewer")
      .option("--expires <time>", "when it stops working (ISO 8601, like 2027-01-01T00:00:00Z)")
      .option("--json", "print the created key as JSON"),
  ).action(async (name: string, flags: CreateFlags) => {
    const role = flags.role ?? "viewer";
    if (!(roles as readonly string[]).includes(role)) {
      throw new UsageError(
        `--role must be one of ${roles.join(", ")}, got ${JSON.stringify(role)}`,
      );
    }
    const { client } = connect(flags, context);
    const created = await client.createApiKey({
      name,
      role: role as (typeof roles)[number],
      ...(flags.expires === undefined ? {} : { expiresAt: flags.expires }),
    });
    if (flags.json) {
      printJson(context.stdout, created);
      return;
    }
    context.stdout.write(`${created.key}\n`);
    context.stderr.write(
      `Created key "${created.name}" (${created.prefix}…, ${created.role}, id ${created.id}). The secret above is shown only now: store it.\n`,
    );
  });

  addConnectionOptions(
    keys
      .command("revoke")
      .description("revoke a key: it stops working on every server at once")
      .argument("<id>", "the key's id (from `quire keys list`)")
      .option("--json", "print the revoked key as JSON"),
  ).action(async (id: string, flags: KeysFlags) => {
    const { client } = connect(flags, context);
    const revoked = await client.revokeApiKey(id);
    if (flags.json) {
      printJson(context.stdout, revoked);
      return;
    }
    context.stdout.write(`revoked ${revoked.name} (${revoked.prefix}…) at ${revoked.revokedAt}\n`);
  });
}
