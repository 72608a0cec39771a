import { readFileSync } from "node:fs";
import path from "node:path";
import { QuireError } from "@quire/core";
import type { ResolvedConfig } from "./resolve-config.js";

export const adminKeyFileName = "admin.key";

/**
 * The API key: `--api-key`, then QUIRE_API_KEY, then `<data dir>/admin.key`, which `quire serve`
 * writes on its first start, so the CLI on the same machine finds the key by itself.
 */
export function resolveApiKey(config: ResolvedConfig, workingDirectory: string): string {
  if (config.apiKey !== undefined) return config.apiKey.value;
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
    `No API key for ${config.url}: pass --api-key KEY, or set QUIRE_API_KEY, or run \`quire serve\` with this data directory so it writes ${shownPath} (it ${fileProblem}).`,
    { details: { keyFile: keyPath, fileProblem } },
  );
}
