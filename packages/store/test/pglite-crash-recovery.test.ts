import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/index.js";

const writerScript = fileURLToPath(
  new URL("./helpers/write-versions-until-killed.ts", import.meta.url),
);
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

interface Acknowledged {
  number: number;
  template: string;
}

/** Runs the writer until it acknowledged `count` versions, then kills it with SIGKILL. */
async function writeThenKill(
  dataDirectory: string,
  round: number,
  count: number,
): Promise<Acknowledged[]> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=quire-source", "--import", "tsx", writerScript, dataDirectory, String(round)],
    { cwd: repositoryRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
  const acknowledged: Acknowledged[] = [];
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const match = /^ack (\d+) (.+)$/.exec(line);
        if (match === null) continue;
        acknowledged.push({ number: Number(match[1]), template: match[2] ?? "" });
        if (acknowledged.length === count) {
          child.kill("SIGKILL");
          resolve();
        }
      }
    });
    child.on("exit", () => reject(new Error(`the writer exited before it was killed:\n${errors}`)));
  });
  expect(await exited).toBe("SIGKILL");
  return acknowledged;
}

describe("PGlite after SIGKILL in the middle of writes", () => {
  let dataDirectory = "";
  afterAll(() => rm(dataDirectory, { recursive: true, force: true }));

  it("keeps every acknowledged version and opens again cleanly, twice over", {
    timeout: 120_000,
  }, async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), "quire-crash-"));
    const acknowledged = [
      ...(await writeThenKill(dataDirectory, 1, 40)),
      // The second writer opens a folder whose lock and WAL a killed process left behind.
      ...(await writeThenKill(dataDirectory, 2, 25)),
    ];
    const store = await openStore({ dataDirectory });
    try {
      for (const { number, template } of acknowledged) {
        expect((await store.getVersion("crash/recovery", number))?.template).toBe(template);
      }
      const newest = Math.max(...acknowledged.map((entry) => entry.number));
      const prompt = await store.getPrompt("crash/recovery");
      // The kill may land after a commit and before its acknowledgement is printed: never less.
      expect(prompt?.latestVersion).toBeGreaterThanOrEqual(newest);
      expect(prompt?.labels.production).toBe(prompt?.latestVersion);
      const next = await store.createVersion({
        name: "crash/recovery",
        content: {
          type: "text",
          engine: "handlebars",
          template: "after recovery",
          inputSchema: null,
          outputSchema: null,
          config: {},
          metadata: {},
        },
        contentHash: "after-recovery",
        provenance: { message: "after recovery", author: "test" },
        labels: [],
      });
      expect(next.version.number).toBe((prompt?.latestVersion ?? 0) + 1);
    } finally {
      await store.close();
    }
  });
});
