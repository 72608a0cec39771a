export { type CliContext, processContext } from "./cli-context.js";
export { createProgram } from "./create-program.js";
export { runCli } from "./run-cli.js";
