import { createQuireClient, type QuireClient } from "@quire/client";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { apiKeyPrecedence, resolveApiKey } from "../config/resolve-api-key.js";
import { type ResolvedConfig, resolveConfig } from "../config/resolve-config.js";

/** Flags every command that talks to a server accepts. */
export interface ConnectionFlags {
  url?: string;
  apiKey?: string;
  config?: string;
}

export function addConfigOption(command: Command): Command {
  return command.option(
    "--config <file>",
    "quire.toml to read (default: the nearest one in this folder or a parent)",
  );
}

export function addConnectionOptions(command: Command): Command {
  return addConfigOption(
    command
      .option(
        "--url <url>",
        "server URL (default: QUIRE_URL, [server] url in quire.toml, or http://127.0.0.1:4141)",
      )
      .option("--api-key <key>", `API key (precedence: ${apiKeyPrecedence})`),
  );
}

export interface Connection {
  client: QuireClient;
  config: ResolvedConfig;
}

/** Resolves the configuration and the API key, and makes a client for the server. */
export function connect(flags: ConnectionFlags, context: CliContext): Connection {
  const config = resolveConfig(
    { url: flags.url, apiKey: flags.apiKey, config: flags.config },
    context.environment,
    context.workingDirectory,
  );
  const apiKey = resolveApiKey(config, context.workingDirectory, context.environment);
  return { client: createQuireClient({ baseUrl: config.url, apiKey }), config };
}
