import { readFileSync } from "node:fs";
import path from "node:path";
import { QuireError } from "@quire/core";
import type { ResolvedConfig } from "./resolve-config.js";
import { findCredentialsPath, readSavedCredential } from "./saved-credentials.js";

export const adminKeyFileName = "admin.key";

/** Where the key comes from, first found wins; `--help` and the docs say the same. */
export const apiKeyPrecedence =
  "--api-key, then QUIRE_API_KEY, then the key `quire login` saved for the server URL, then <data dir>/admin.key written by `quire serve`";

/**
 * The API key: `--api-key`, then QUIRE_API_KEY, then the personal key `quire login` saved for
 * this server URL, then `<data dir>/admin.key`, which `quire serve` writes on its first start, so
 * the CLI on the same machine finds the key by itself. `environment` locates the saved logins
 * (XDG_CONFIG_HOME, HOME); without it they are not read.
 */
export function resolveApiKey(
  config: ResolvedConfig,
  workingDirectory: string,
  environment?: Record<string, string | undefined>,
): string {
  if (config.apiKey !== undefined) return config.apiKey.value;
  const saved =
    environment === undefined ? undefined : readSavedCredential(environment, config.url);
  if (saved !== undefined) return saved.apiKey;
  const keyPath = path.join(config.dataDirectory, adminKeyFileName);
  let fileProblem: string;
  try {
    const key = readFileSync(keyPath, "utf8").trim();
    if (key !== "") return key;
    fileProblem = "is empty";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fileProblem =
      code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? String(error)})`;
  }
  const shownPath = path.relative(workingDirectory, keyPath) || keyPath;
  throw new QuireError(
    "UNAUTHORIZED",
    `No API key for ${config.url}: pass --api-key KEY, or set QUIRE_API_KEY, or sign in with \`quire login --server ${config.url}\`, or run \`quire serve\` with this data directory so it writes ${shownPath} (it ${fileProblem}).`,
    {
      details: {
        keyFile: keyPath,
        fileProblem,
        ...(environment === undefined
          ? {}
          : { credentialsFile: findCredentialsPath(environment) ?? null }),
      },
    },
  );
}
