import { CommanderError } from "commander";
import type { CliContext } from "./cli-context.js";
import { createProgram } from "./create-program.js";
import { printError } from "./output/print-error.js";
import { UsageError } from "./usage-error.js";

/**
 * Runs `quire` with `argv` (without the node and script paths) and returns the exit code:
 * 0 on success, 1 when the command failed, 2 when the command line itself is wrong.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (unknown option, missing argument, help).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    printError(context, error);
    return error instanceof UsageError ? 2 : 1;
  }
}
