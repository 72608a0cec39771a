import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { QuireError } from "@quire/core";
import { z } from "zod";

/** One server's personal key, as `quire login` saved it. */
export const savedCredentialSchema = z.object({
  apiKey: z.string().min(1),
  keyId: z.string(),
  prefix: z.string(),
  email: z.string(),
  projectId: z.string(),
  role: z.string(),
  savedAt: z.string(),
});
export type SavedCredential = z.infer<typeof savedCredentialSchema>;

const credentialsFileSchema = z.object({
  servers: z.record(z.string(), savedCredentialSchema),
});

/**
 * `$XDG_CONFIG_HOME/quire/credentials.json`, else `~/.config/quire/credentials.json` (HOME, or
 * USERPROFILE on Windows).
 */
export function findCredentialsPath(
  environment: Record<string, string | undefined>,
): string | undefined {
  const configHome = environment.XDG_CONFIG_HOME;
  if (configHome !== undefined && path.isAbsolute(configHome)) {
    return path.join(configHome, "quire", "credentials.json");
  }
  const home = environment.HOME ?? environment.USERPROFILE;
  return home === undefined || home === ""
    ? undefined
    : path.join(home, ".config", "quire", "credentials.json");
}

/** `findCredentialsPath`, or CONFIG_INVALID naming the variables to set. */
export function credentialsPath(environment: Record<string, string | undefined>): string {
  const found = findCredentialsPath(environment);
  if (found === undefined) {
    throw new QuireError(
      "CONFIG_INVALID",
      "Cannot find the config folder for saved logins: set HOME or XDG_CONFIG_HOME.",
      { details: { variables: ["XDG_CONFIG_HOME", "HOME"] } },
    );
  }
  return found;
}

/** The key a saved login is filed under: the URL without a trailing slash. */
export function serverKey(url: string): string {
  return url.replace(/\/+$/, "");
}

function readAll(file: string): Record<string, SavedCredential> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  let parsed: ReturnType<typeof credentialsFileSchema.safeParse>;
  try {
    parsed = credentialsFileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = credentialsFileSchema.safeParse(undefined);
  }
  if (!parsed.success) {
    throw new QuireError(
      "CONFIG_INVALID",
      `${file} is not a credentials file quire wrote: delete it and run \`quire login\` again.`,
      { details: { file } },
    );
  }
  return parsed.data.servers;
}

function writeAll(file: string, servers: Record<string, SavedCredential>): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole to a private temporary file and renamed: never a half-written or readable key.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ servers }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** The saved login for a server URL, or undefined (also when there is no config folder). */
export function readSavedCredential(
  environment: Record<string, string | undefined>,
  url: string,
): SavedCredential | undefined {
  const file = findCredentialsPath(environment);
  return file === undefined ? undefined : readAll(file)[serverKey(url)];
}

/** Saves (or replaces) the login for a server URL; the file is mode 0600. */
export function saveCredential(
  environment: Record<string, string | undefined>,
  url: string,
  credential: SavedCredential,
): string {
  const file = credentialsPath(environment);
  const servers = readAll(file);
  servers[serverKey(url)] = credential;
  writeAll(file, servers);
  return file;
}

/** Forgets the login for a server URL (the file goes when it holds no other). */
export function removeSavedCredential(
  environment: Record<string, string | undefined>,
  url: string,
): void {
  const file = credentialsPath(environment);
  const servers = readAll(file);
  delete servers[serverKey(url)];
  if (Object.keys(servers).length === 0) rmSync(file, { force: true });
  else writeAll(file, servers);
}
