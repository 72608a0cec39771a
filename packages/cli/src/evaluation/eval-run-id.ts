import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../usage-error.js";

/**
 * The run to continue: `--resume ID` (refused unless its JSONL file exists, and ids are plain
 * names, never paths), `--resume` alone for the latest run; undefined for a new run.
 */
export function resumedRunId(
  resume: string | boolean | undefined,
  runsDirectory: string,
): string | undefined {
  if (resume === undefined || resume === false) return undefined;
  if (resume === true) {
    const runs = existsSync(runsDirectory)
      ? readdirSync(runsDirectory)
          .filter((name) => name.endsWith(".jsonl"))
          .map((name) => ({ name, time: statSync(path.join(runsDirectory, name)).mtimeMs }))
          .sort((left, right) => right.time - left.time)
      : [];
    const [latest] = runs;
    if (latest === undefined) {
      throw new UsageError(`--resume: there is no eval run to resume in ${runsDirectory}`, {
        option: "--resume",
      });
    }
    return latest.name.slice(0, -".jsonl".length);
  }
  if (
    !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(resume) ||
    !existsSync(path.join(runsDirectory, `${resume}.jsonl`))
  ) {
    throw new UsageError(
      `--resume ${JSON.stringify(resume)}: there is no such eval run in ${runsDirectory}; give the run id printed when it started (eval run <id>: …), or --resume alone for the latest`,
      { option: "--resume", runId: resume },
    );
  }
  return resume;
}

/** `20261121T101500Z-3fa2c1`: sorts by time, unique enough for one machine. */
export function newRunId(): string {
  const time = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${time}-${randomBytes(3).toString("hex")}`;
}
