import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createColors } from "picocolors";
import type { CliContext } from "../src/cli-context.js";
import { runCli } from "../src/run-cli.js";

export interface EvalCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `quire` in this process (fast: no child process, no TypeScript loader to start) with a
 * fake context: its own working directory and environment, captured output, and a stop request
 * the test resolves when it wants to play Ctrl-C.
 */
export async function runQuireInProcess(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; stop?: Promise<string> },
): Promise<EvalCliRun> {
  let stdout = "";
  let stderr = "";
  const context: CliContext = {
    workingDirectory: options.cwd,
    environment: { NO_COLOR: "1", ...options.env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    colors: createColors(false),
    stopRequested: () => options.stop ?? new Promise<string>(() => {}),
  };
  const code = await runCli(args, context);
  return { code, stdout, stderr };
}

/** A fresh folder with a quire.toml whose one provider, `local`, is the test model server. */
export function evalFolder(
  baseUrl: string,
  models: readonly string[],
  prefix = "quire-eval-",
): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  writeProviderConfig(folder, baseUrl, models);
  return folder;
}

export function writeProviderConfig(
  folder: string,
  baseUrl: string,
  models: readonly string[],
): void {
  writeFileSync(
    path.join(folder, "quire.toml"),
    [
      "[[providers]]",
      'name = "local"',
      'kind = "openai-compatible"',
      `baseUrl = "${baseUrl}"`,
      `models = [${models.map((model) => JSON.stringify(model)).join(", ")}]`,
      "",
    ].join("\n"),
  );
}

/** A copy of examples/evaluation in a temporary folder. */
export function copyOfExample(): string {
  const source = fileURLToPath(new URL("../../../examples/evaluation", import.meta.url));
  const folder = mkdtempSync(path.join(tmpdir(), "quire-eval-example-"));
  cpSync(source, folder, { recursive: true });
  return folder;
}
