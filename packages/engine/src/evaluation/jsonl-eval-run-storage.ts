import { open, readFile, truncate } from "node:fs/promises";
import { QuireError } from "@quire/core";
import type { CellResult } from "./cell-result.js";
import type { EvalRunStorage } from "./eval-run-storage.js";

export interface JsonlEvalRunStorageOptions {
  /** Told about a torn last line (default: `console.warn`). */
  onWarning?: (message: string) => void;
}

function isCellResult(value: unknown): value is CellResult {
  if (typeof value !== "object" || value === null) return false;
  const cell = value as Record<string, unknown>;
  return (
    typeof cell.promptId === "string" &&
    typeof cell.modelId === "string" &&
    typeof cell.caseId === "string" &&
    typeof cell.repeatIndex === "number" &&
    (cell.status === "passed" || cell.status === "failed" || cell.status === "errored")
  );
}

function parseLine(line: string): CellResult | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isCellResult(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Keeps a run's results in a JSONL file, one cell per line, appended (and synced) per batch, so
 * `quire eval` resumes after a crash without a database. A last line torn by a crash mid-write is
 * dropped with a warning (and cut from the file before the next append); any other line that is
 * not a cell result fails with the line number, since the file is then not one this wrote. A cell
 * stored twice keeps its last line.
 */
export function jsonlEvalRunStorage(
  path: string,
  options: JsonlEvalRunStorageOptions = {},
): EvalRunStorage {
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  let repaired: Promise<CellResult[]> | undefined;

  /** Reads the file, cutting a torn last line off it; runs once. */
  const load = async (): Promise<CellResult[]> => {
    const text = await readText(path);
    if (text === undefined || text === "") return [];
    const lines = text.split("\n");
    const endsWithNewline = text.endsWith("\n");
    if (endsWithNewline) lines.pop();
    const results: CellResult[] = [];
    let offset = 0;
    for (const [index, line] of lines.entries()) {
      const last = index === lines.length - 1;
      const result = line.trim() === "" ? undefined : parseLine(line);
      if (result !== undefined) {
        results.push(result);
      } else if (line.trim() !== "") {
        if (!last) {
          throw new QuireError(
            "VALIDATION_FAILED",
            `${path}:${index + 1} is not an eval cell result; this file was not written by an eval run (or was edited). Move it away to start the run afresh`,
            { details: { path, line: index + 1 } },
          );
        }
        warn(
          `${path}:${index + 1}: ignoring a torn last line (the run stopped while writing it); that cell runs again`,
        );
        await truncate(path, Buffer.byteLength(text.slice(0, offset)));
        return results;
      }
      offset += line.length + 1;
    }
    if (!endsWithNewline) {
      // A whole last line without its newline: complete it so the next append starts a new line.
      const handle = await open(path, "a");
      try {
        await handle.write("\n");
      } finally {
        await handle.close();
      }
    }
    return results;
  };

  const loaded = () => {
    repaired ??= load();
    return repaired;
  };

  return {
    async finishedCells() {
      const results = await loaded();
      const latest = new Map<string, CellResult>();
      for (const result of results) {
        latest.set(
          JSON.stringify([result.promptId, result.modelId, result.caseId, result.repeatIndex]),
          result,
        );
      }
      return [...latest.values()];
    },
    async save(batch) {
      const stored = await loaded();
      if (batch.length === 0) return;
      const text = batch.map((result) => `${JSON.stringify(result)}\n`).join("");
      const handle = await open(path, "a");
      try {
        await handle.write(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      stored.push(...batch);
    },
  };
}
