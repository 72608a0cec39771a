import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AccessStore, PromptStore } from "@quire/store";
import { displayPrefix, generateApiKey, hashApiKey } from "./api-key.js";

export const adminKeyFileName = "admin.key";

export interface AdminKeyResult {
  /** Where the admin key file is (written on first start; may be absent later). */
  path: string;
  /** True when this start created the first key, which is how a first start is recognised. */
  created: boolean;
}

/**
 * On the first start (the store has no API keys) creates an admin key of the project `default`, stores only its hash and
 * writes the key to `<dataDirectory>/admin.key` with mode 0600 for the CLI on this machine.
 */
export async function ensureAdminKey(
  store: PromptStore & { readonly access?: AccessStore },
  dataDirectory: string,
): Promise<AdminKeyResult> {
  const path = join(dataDirectory, adminKeyFileName);
  const keys = store.access === undefined ? store.countApiKeys() : store.access.countKeys();
  if ((await keys) > 0) return { path, created: false };
  const key = generateApiKey();
  await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
  // Written before the hash is stored: a crash in between leaves a stale file, never a key
  // nobody can read.
  await writeFile(path, `${key}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  const record = { name: "admin", prefix: displayPrefix(key), hash: hashApiKey(key) };
  if (store.access === undefined) await store.createApiKey({ ...record, scope: "admin" });
  else await store.access.createKey({ ...record, projectId: "default", role: "admin" });
  return { path, created: true };
}
