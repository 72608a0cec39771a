import type { RunResponse } from "@quire/core";

/**
 * One playground column's run, as it streams: idle, running (text arriving), done (the server's
 * answer with tokens, latency and cost), failed (the error, and whatever text came first).
 */
export type ColumnRun =
  | { status: "idle" }
  | {
      status: "running";
      output: string;
      startedAt: number;
      /** When the first text arrived (ms, same clock as startedAt); null before. */
      firstTextAt: number | null;
    }
  | { status: "done"; output: string; result: RunResponse; firstTextMs: number | null }
  | { status: "failed"; output: string; error: unknown };

export type ColumnRunEvent =
  | { type: "start"; at: number }
  | { type: "delta"; text: string; at: number }
  | { type: "done"; result: RunResponse }
  | { type: "failed"; error: unknown };

export const idleRun: ColumnRun = { status: "idle" };

/**
 * The next state of a column. Events of a run that is no longer running (a late delta after an
 * error, a second answer) change nothing; `start` always begins afresh.
 */
export function nextColumnRun(run: ColumnRun, event: ColumnRunEvent): ColumnRun {
  switch (event.type) {
    case "start":
      return { status: "running", output: "", startedAt: event.at, firstTextAt: null };
    case "delta":
      if (run.status !== "running") return run;
      return {
        ...run,
        output: run.output + event.text,
        firstTextAt: run.firstTextAt ?? (event.text === "" ? null : event.at),
      };
    case "done": {
      if (run.status !== "running") return run;
      // The server's answer is the whole text (after output checks); the deltas were a preview.
      const measured = run.firstTextAt === null ? null : run.firstTextAt - run.startedAt;
      return {
        status: "done",
        output: event.result.output,
        result: event.result,
        firstTextMs: event.result.timeToFirstTokenMs ?? measured,
      };
    }
    case "failed":
      if (run.status !== "running") return run;
      return { status: "failed", output: run.output, error: event.error };
  }
}

/** `$0.000123`, `$1.50`; "no price" when the model table has none for the model. */
export function formatCost(cost: RunResponse["cost"]): string {
  if (cost === null) return "no price";
  const usd = cost.usd;
  const shown =
    usd === 0 ? "$0" : usd < 0.01 ? `$${usd.toPrecision(2)}` : `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
  return cost.estimated ? `≈${shown}` : shown;
}

/** `840 ms`, `2.4 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  return `${(milliseconds / 1000).toFixed(milliseconds < 10_000 ? 2 : 1)} s`;
}
