import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ServerOptions } from "../../src/index.js";

const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const entry = fileURLToPath(new URL("../fixtures/server-process.ts", import.meta.url));

export interface ServerProcess {
  url: string;
  port: number;
  adminKeyPath: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server fixture in a child process and waits for its ready line. */
export async function startServerProcess(
  options: ServerOptions,
  timeoutMilliseconds = 30_000,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ["--conditions=quire-source", "--import", "tsx", entry, JSON.stringify(options)],
    { cwd: repositoryRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const ready = await new Promise<{ url: string; port: number; adminKeyPath: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(
          new Error(`server process did not start within ${timeoutMilliseconds} ms:\n${output}`),
        );
      }, timeoutMilliseconds);
      let buffered = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        buffered += chunk.toString();
        let newline = buffered.indexOf("\n");
        while (newline !== -1) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf("\n");
          if (line.startsWith('{"ready":true')) {
            clearTimeout(timer);
            resolve(JSON.parse(line));
          }
        }
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(
          new Error(
            `server process exited (code ${code}, signal ${signal}) before it was ready:\n${output}`,
          ),
        );
      });
    },
  );
  return {
    ...ready,
    child,
    exited,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
