import { createColors } from "picocolors";

export type Colors = ReturnType<typeof createColors>;

/** What a command reads from and writes to; the real process's in main.ts, fakes in tests. */
export interface CliContext {
  workingDirectory: string;
  environment: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Colours for stdout; all no-ops when stdout is not a terminal or NO_COLOR is set. */
  colors: Colors;
  /** Resolves when the process is asked to stop (Ctrl-C, SIGTERM); used by `quire serve`. */
  stopRequested(): Promise<string>;
}

export function processContext(): CliContext {
  const environment = process.env;
  const colorEnabled =
    environment.FORCE_COLOR !== undefined && environment.FORCE_COLOR !== "0"
      ? true
      : environment.NO_COLOR === undefined &&
        process.stdout.isTTY === true &&
        environment.TERM !== "dumb";
  return {
    workingDirectory: process.cwd(),
    environment,
    stdout: process.stdout,
    stderr: process.stderr,
    colors: createColors(colorEnabled),
    stopRequested: () =>
      new Promise((resolve) => {
        process.once("SIGINT", () => resolve("SIGINT"));
        process.once("SIGTERM", () => resolve("SIGTERM"));
      }),
  };
}
