import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { QuireError } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { configFileName } from "../config/load-config-file.js";

export const exampleConfig = `# Quire configuration. Environment variables (QUIRE_URL, QUIRE_PORT, QUIRE_DATA_DIR,
# QUIRE_DATABASE_URL, QUIRE_API_KEY) override these values; command-line flags override both.

[server]
# url = "http://127.0.0.1:4141"   # where push, pull and render find the server
port = 4141
dataDir = ".quire"                 # embedded database and admin.key: keep it out of git
# databaseUrl = "postgres://user@localhost:5432/quire"

[project]
promptsDir = "prompts"             # the .prompt files that push and pull read and write
`;

export const examplePromptPath = "hello.prompt";

export const examplePrompt = `---
description: Greets a person and tells them one thing about a topic.
tags: [example]
config:
  temperature: 0.7
input:
  schema:
    name: string, the person's name
    topic?: string, what they want to hear about
  default:
    topic: prompt management
---
{{role "system"}}
You are a friendly assistant. Answer in two sentences at most.
{{role "user"}}
Hello, I am {{name}}. Tell me one thing about {{topic}}.
`;

export function registerInitCommand(program: Command, context: CliContext): void {
  program
    .command("init")
    .summary("create quire.toml and prompts/ with an example")
    .description(
      `create ${configFileName} and a prompts/ folder with an example .prompt file; never overwrites`,
    )
    .argument("[directory]", "where to create them", ".")
    .action((directory: string) => {
      const root = path.resolve(context.workingDirectory, directory);
      const configPath = path.join(root, configFileName);
      const promptPath = path.join(root, "prompts", examplePromptPath);
      const existing = [configPath, promptPath].filter((file) => existsSync(file));
      if (existing.length > 0) {
        const shown = existing.map((file) => path.relative(context.workingDirectory, file) || file);
        throw new QuireError(
          "CONFLICT",
          `${shown.join(" and ")} already exist${existing.length === 1 ? "s" : ""}; quire init wrote nothing. Remove ${existing.length === 1 ? "it" : "them"} first, or edit ${existing.length === 1 ? "it" : "them"} by hand.`,
          { details: { files: existing } },
        );
      }
      mkdirSync(path.dirname(promptPath), { recursive: true });
      writeFileSync(configPath, exampleConfig, { flag: "wx" });
      writeFileSync(promptPath, examplePrompt, { flag: "wx" });
      const { colors } = context;
      const shown = (file: string): string => path.relative(context.workingDirectory, file) || file;
      context.stdout.write(
        [
          `${colors.green("created")} ${shown(configPath)}`,
          `${colors.green("created")} ${shown(promptPath)}`,
          "",
          "Next:",
          "  quire serve          start the server (in another terminal)",
          "  quire push           send prompts/ to it",
          "  quire render prompts/hello.prompt --var name=Ann   render locally, no server needed",
          colors.dim("Add .quire/ to .gitignore: it holds the database and the admin key."),
          "",
        ].join("\n"),
      );
    });
}
