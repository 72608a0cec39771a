import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { formatTable, printJson } from "../output/format-table.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";

interface ProjectsFlags extends ConnectionFlags {
  json?: boolean;
}

interface CreateFlags extends ProjectsFlags {
  name?: string;
}

/** `quire projects list|create`: the projects the caller sees; a new one (admins). */
export function registerProjectsCommand(program: Command, context: CliContext): void {
  const projects = program
    .command("projects")
    .summary("list your projects, or create one (admin of any project)")
    .description(
      "a key sees its own project, a signed-in member every project they belong to; an admin of any project creates another, becomes its admin and gets its first admin key (printed once)",
    );

  addConnectionOptions(
    projects
      .command("list")
      .description("the projects you can see and your role in each")
      .option("--json", "print JSON"),
  ).action(async (flags: ProjectsFlags) => {
    const { client } = connect(flags, context);
    const { items } = await client.listProjects();
    if (flags.json) {
      printJson(context.stdout, items);
      return;
    }
    const rows = [["ID", "NAME", "ROLE", "CREATED"]];
    for (const project of items) {
      rows.push([project.id, project.name, project.role, project.createdAt]);
    }
    context.stdout.write(formatTable(rows));
  });

  addConnectionOptions(
    projects
      .command("create")
      .description(
        "create a project; prints its first admin key (stdout, shown this once: keep it in a secret store)",
      )
      .argument("<id>", 'the project id: lowercase letters, digits, "-" and "_"')
      .option("--name <name>", "what the project is (default: the id)")
      .option("--json", "print JSON (the project and its admin key, secret included)"),
  ).action(async (id: string, flags: CreateFlags) => {
    const { client } = connect(flags, context);
    const created = await client.createProject({ id, name: flags.name ?? id });
    if (flags.json) {
      printJson(context.stdout, created);
      return;
    }
    context.stdout.write(`${created.adminKey.key}\n`);
    context.stderr.write(
      `created project "${created.project.id}" (${created.project.name}); its admin key ${created.adminKey.prefix}… is shown only now (above, on stdout): use it with QUIRE_API_KEY to add members and keys there\n`,
    );
  });
}
