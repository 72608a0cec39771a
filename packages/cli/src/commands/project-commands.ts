import { roles } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatTable, printJson } from "../output/format-table.js";
import { UsageError } from "../usage-error.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface JsonFlags extends ConnectionFlags {
  json?: boolean;
}

interface MemberFlags extends JsonFlags {
  role?: string;
  name?: string;
}

interface SettingsFlags extends JsonFlags {
  name?: string;
  protectedLabels?: string;
  twoPersonRule?: string;
  allowJavascriptAssertions?: string;
}

/** The variable a new member's first password is read from (never a flag: shells keep history). */
export const memberPasswordVariable = "QUIRE_MEMBER_PASSWORD";

/** `quire members list|set`: who may sign in to the project, with which role (admin). */
export function registerMembersCommand(program: Command, context: CliContext): void {
  const members = program
    .command("members")
    .summary("list the project's members, add one or change a role (admin)")
    .description(
      "the people who sign in to the web UI with email and password, and their roles (viewer, editor, publisher, admin); adding the first member ends the local admin session",
    );

  addConnectionOptions(
    members
      .command("list")
      .description("the members and their roles")
      .option("--json", "print JSON"),
  ).action(async (flags: JsonFlags) => {
    const { client } = connect(flags, context);
    const { items } = await client.listMembers();
    if (flags.json) {
      printJson(context.stdout, items);
      return;
    }
    if (items.length === 0) {
      context.stdout.write("no members yet: add one with quire members set EMAIL --role admin\n");
      return;
    }
    const rows = [["EMAIL", "NAME", "ROLE", "SINCE"]];
    for (const member of items) rows.push([member.email, member.name, member.role, member.since]);
    context.stdout.write(formatTable(rows));
  });

  addConnectionOptions(
    members
      .command("set")
      .description(
        `add a member or change a member's role; a new email becomes a user whose first password is read from ${memberPasswordVariable}`,
      )
      .argument("<email>", "the member's email")
      .requiredOption("--role <role>", roles.join(", "))
      .option("--name <name>", "the name shown in the UI")
      .option("--json", "print JSON"),
  ).action(async (email: string, flags: MemberFlags) => {
    const role = roles.find((known) => known === flags.role);
    if (role === undefined) {
      throw new UsageError(
        `--role must be one of ${roles.join(", ")}, got ${JSON.stringify(flags.role)}`,
      );
    }
    const password = context.environment[memberPasswordVariable];
    const { client } = connect(flags, context);
    const member = await client.setMember({
      email,
      role,
      ...(flags.name === undefined ? {} : { name: flags.name }),
      ...(password === undefined || password === "" ? {} : { password }),
    });
    if (flags.json) printJson(context.stdout, member);
    else context.stdout.write(`${member.email} is ${member.role}\n`);
  });
}

/** `quire settings show|set`: the project's name, protected labels and two-person rule. */
export function registerSettingsCommand(program: Command, context: CliContext): void {
  const settings = program
    .command("settings")
    .summary(
      "show or change the project's settings (protected labels, two-person rule, javascript assertions)",
    )
    .description(
      "protected labels need the publisher role to move; with the two-person rule a protected label's move opens a change request another publisher approves",
    );

  const print = (value: {
    name: string;
    protectedLabels: string[];
    twoPersonRule: boolean;
    allowJavaScriptAssertions: boolean;
  }) =>
    context.stdout.write(
      formatTable([
        ["name", value.name],
        ["protected labels", value.protectedLabels.join(", ") || "none"],
        ["two-person rule", value.twoPersonRule ? "on" : "off"],
        ["javascript assertions", value.allowJavaScriptAssertions ? "allowed" : "off"],
      ]),
    );

  addConnectionOptions(
    settings.command("show").description("the project's settings").option("--json", "print JSON"),
  ).action(async (flags: JsonFlags) => {
    const { client } = connect(flags, context);
    const value = await client.getSettings();
    if (flags.json) printJson(context.stdout, value);
    else print(value);
  });

  addConnectionOptions(
    settings
      .command("set")
      .description("change some settings (admin); those not given stay")
      .option("--name <name>", "the project's name")
      .option(
        "--protected-labels <labels>",
        'comma-separated, e.g. "production,staging" ("" for none)',
      )
      .option("--two-person-rule <on|off>", "approvals for protected label moves")
      .option(
        "--allow-javascript-assertions <on|off>",
        "let the server's eval runs run javascript assertions (user code, sandboxed, time-limited)",
      )
      .option("--json", "print JSON"),
  ).action(async (flags: SettingsFlags) => {
    const rule = flags.twoPersonRule;
    if (rule !== undefined && rule !== "on" && rule !== "off") {
      throw new UsageError(`--two-person-rule must be on or off, got ${JSON.stringify(rule)}`);
    }
    const javascript = flags.allowJavascriptAssertions;
    if (javascript !== undefined && javascript !== "on" && javascript !== "off") {
      throw new UsageError(
        `--allow-javascript-assertions must be on or off, got ${JSON.stringify(javascript)}`,
      );
    }
    const request = {
      ...(flags.name === undefined ? {} : { name: flags.name }),
      ...(flags.protectedLabels === undefined
        ? {}
        : {
            protectedLabels: flags.protectedLabels
              .split(",")
              .map((label) => label.trim())
              .filter((label) => label !== ""),
          }),
      ...(rule === undefined ? {} : { twoPersonRule: rule === "on" }),
      ...(javascript === undefined ? {} : { allowJavaScriptAssertions: javascript === "on" }),
    };
    if (Object.keys(request).length === 0) {
      throw new UsageError(
        "nothing to change: give --name, --protected-labels, --two-person-rule or --allow-javascript-assertions",
      );
    }
    const { client } = connect(flags, context);
    const value = await client.updateSettings(request);
    if (flags.json) printJson(context.stdout, value);
    else print(value);
  });
}
