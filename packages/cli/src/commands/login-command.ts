import { hostname } from "node:os";
import { createQuireClient, loginWithPassword } from "@quire/client";
import { QuireError } from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { apiKeyPrecedence } from "../config/resolve-api-key.js";
import { resolveConfig } from "../config/resolve-config.js";
import {
  readSavedCredential,
  removeSavedCredential,
  saveCredential,
} from "../config/saved-credentials.js";
import { UsageError } from "../usage-error.js";
import { addConfigOption } from "./connection.js";
import { canPrompt, readLineFromTerminal } from "./read-secret.js";

/** The variable the password is read from when there is no terminal (never a flag). */
export const passwordVariable = "QUIRE_PASSWORD";

interface LoginFlags {
  server?: string;
  email?: string;
  project?: string;
  config?: string;
}

function serverUrl(flags: LoginFlags, context: CliContext): string {
  return resolveConfig(
    { url: flags.server, config: flags.config },
    context.environment,
    context.workingDirectory,
  ).url;
}

/** Revokes a saved personal key on its server; false when the server no longer knows it. */
async function revokeSaved(url: string, apiKey: string, keyId: string): Promise<boolean> {
  try {
    await createQuireClient({ baseUrl: url, apiKey }).revokePersonalKey(keyId);
    return true;
  } catch (error) {
    if (error instanceof QuireError && error.code === "UNAUTHORIZED") return false;
    throw error;
  }
}

/** `quire login` and `quire logout`: a personal API key per server, saved for the CLI. */
export function registerLoginCommands(program: Command, context: CliContext): void {
  addConfigOption(
    program
      .command("login")
      .summary("sign in with email and password; saves a personal API key for the CLI")
      .description(
        `signs in, makes a personal API key with your role (named "cli <host> <date>"), signs out again and saves the key in $XDG_CONFIG_HOME/quire/credentials.json (or ~/.config/quire/credentials.json), mode 0600, per server URL. The password is asked for on a terminal, or read from ${passwordVariable} otherwise; never from a flag. Key precedence for every command: ${apiKeyPrecedence}.`,
      )
      .option("--server <url>", "server URL (default: QUIRE_URL, [server] url in quire.toml)")
      .option("--email <email>", "your email (default: QUIRE_EMAIL, or asked for)")
      .option("--project <id>", 'the project to work in (default "default")'),
  ).action(async (flags: LoginFlags) => {
    const url = serverUrl(flags, context);
    const prompting = canPrompt();
    const email =
      flags.email ??
      context.environment.QUIRE_EMAIL ??
      (prompting ? (await readLineFromTerminal("Email: ", false)).trim() : undefined);
    if (email === undefined || email === "") {
      throw new UsageError("Give --email EMAIL (or set QUIRE_EMAIL): there is no terminal to ask.");
    }
    const fromEnvironment = context.environment[passwordVariable];
    const password =
      fromEnvironment !== undefined && fromEnvironment !== "" && !prompting
        ? fromEnvironment
        : prompting
          ? await readLineFromTerminal(`Password for ${email} at ${url}: `, true)
          : undefined;
    if (password === undefined || password === "") {
      throw new UsageError(
        `No password: there is no terminal to ask, so set ${passwordVariable} (never a flag: shells keep history).`,
      );
    }
    const previous = readSavedCredential(context.environment, url);
    const date = new Date().toISOString().slice(0, 10);
    const { key, login } = await loginWithPassword({
      baseUrl: url,
      email,
      password,
      keyName: `cli ${hostname()} ${date}`,
      ...(flags.project === undefined ? {} : { project: flags.project }),
    });
    const file = saveCredential(context.environment, url, {
      apiKey: key.key,
      keyId: key.id,
      prefix: key.prefix,
      email: login.user.email,
      projectId: login.projectId,
      role: login.role,
      savedAt: new Date().toISOString(),
    });
    // The login it replaces would otherwise stay valid, forgotten.
    if (previous !== undefined && previous.keyId !== key.id) {
      await revokeSaved(url, previous.apiKey, previous.keyId).catch(() => false);
    }
    context.stdout.write(
      `signed in to ${url} as ${login.user.email} (${login.role} in project "${login.projectId}"); key ${key.prefix}… saved in ${file}\n`,
    );
  });

  addConfigOption(
    program
      .command("logout")
      .summary("revoke the personal API key `quire login` saved, and forget it")
      .option("--server <url>", "server URL (default: QUIRE_URL, [server] url in quire.toml)"),
  ).action(async (flags: LoginFlags) => {
    const url = serverUrl(flags, context);
    const saved = readSavedCredential(context.environment, url);
    if (saved === undefined) {
      context.stdout.write(`not signed in to ${url}: nothing to do\n`);
      return;
    }
    const revoked = await revokeSaved(url, saved.apiKey, saved.keyId);
    removeSavedCredential(context.environment, url);
    context.stdout.write(
      revoked
        ? `signed out of ${url}: key ${saved.prefix}… revoked and forgotten\n`
        : `signed out of ${url}: key ${saved.prefix}… was no longer valid; forgotten\n`,
    );
  });
}
