import { execFile } from "node:child_process";
import { cliEntryPoint } from "./cli-entry-point.js";

const entryPoint = cliEntryPoint();

export interface QuireRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `quire` CLI in a child process, the way a user runs it: its own working
 * directory and an environment holding only what the test gives. From the compiled dist/ when
 * it is up to date with the sources, else from the sources (see cli-entry-point.ts).
 */
export function runQuire(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<QuireRun> {
  const environment: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: options.cwd,
    NO_COLOR: "1",
    ...options.env,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...entryPoint, ...args],
      { cwd: options.cwd, env: environment, timeout: 60_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
