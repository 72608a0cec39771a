import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { cliEntryPoint } from "./cli-entry-point.js";
import { runQuire } from "./run-quire.js";

const folder = mkdtempSync(path.join(tmpdir(), "quire-serve-"));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child !== undefined && child.exitCode === null) child.kill("SIGKILL");
  rmSync(folder, { recursive: true, force: true });
});

/** Collects the child's stdout until `pattern` appears. */
function waitForOutput(process: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${seen}`)), 30_000);
    let errors = "";
    process.stderr?.on("data", (chunk: Buffer) => {
      errors += chunk.toString("utf8");
    });
    process.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = pattern.exec(seen);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    process.on("exit", () => reject(new Error(`quire serve exited early:\n${seen}\n${errors}`)));
  });
}

test("quire serve prints its URL and the admin key's place, serves the API, and stops on SIGTERM", async () => {
  child = spawn(process.execPath, [...cliEntryPoint(), "serve", "--port", "0", "--data", "state"], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", QUIRE_LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const banner = await waitForOutput(
    child,
    /Quire is listening on (http:\/\/127\.0\.0\.1:\d+)\n {2}storage +.*\n {2}admin key +(\S+)/,
  );
  const url = banner[1] ?? "";
  expect(banner[2]).toBe(path.join("state", "admin.key"));
  const keyFile = path.join(folder, "state", "admin.key");
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);

  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  // The CLI next to it finds the key in state/admin.key through QUIRE_DATA_DIR.
  const listed = await runQuire(["pull", "out", "--json"], {
    cwd: folder,
    env: { QUIRE_URL: url, QUIRE_DATA_DIR: "state" },
  });
  expect(listed.stderr).toBe("");
  expect(listed.code).toBe(0);
  expect(readFileSync(keyFile, "utf8").trim()).not.toBe("");

  const exited = new Promise<number | null>((resolve) =>
    child?.on("exit", (code) => resolve(code)),
  );
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(stderr).toBe("");
});
