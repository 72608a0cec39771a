import type { QuireClient, RunOptions } from "@quire/client";
import { useCallback, useEffect, useRef, useState } from "react";
import { type ColumnRun, type ColumnRunEvent, idleRun, nextColumnRun } from "./column-run.js";

export interface ColumnRuns {
  /** Each column's run by column id (idle when absent). */
  runs: Readonly<Record<string, ColumnRun>>;
  /** Streams one run per column at once; each column's text arrives as the model writes it. */
  start(name: string, columns: readonly { id: string; model: string }[], run: RunOptions): void;
  /** Stops every run still streaming (each column shows what it had and why it stopped). */
  stop(): void;
  running: boolean;
}

/** The playground's runs, streamed through @quire/client's `streamPrompt` (POST …/run, SSE). */
export function useColumnRuns(client: QuireClient): ColumnRuns {
  const [runs, setRuns] = useState<Record<string, ColumnRun>>({});
  const controllers = useRef(new Set<AbortController>());
  const [active, setActive] = useState(0);

  const apply = useCallback((id: string, event: ColumnRunEvent) => {
    setRuns((previous) => ({ ...previous, [id]: nextColumnRun(previous[id] ?? idleRun, event) }));
  }, []);

  const stop = useCallback(() => {
    for (const controller of controllers.current) {
      controller.abort(new DOMException("You stopped the run.", "AbortError"));
    }
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback<ColumnRuns["start"]>(
    (name, columns, run) => {
      for (const column of columns) {
        const controller = new AbortController();
        controllers.current.add(controller);
        setActive((count) => count + 1);
        apply(column.id, { type: "start", at: performance.now() });
        void (async () => {
          try {
            const stream = client.streamPrompt(
              name,
              { ...run, model: column.model },
              { signal: controller.signal },
            );
            for await (const event of stream) {
              if (event.type === "delta") {
                apply(column.id, { type: "delta", text: event.text, at: performance.now() });
              } else {
                apply(column.id, { type: "done", result: event.result });
              }
            }
          } catch (error) {
            const stopped = controller.signal.aborted ? controller.signal.reason : error;
            apply(column.id, { type: "failed", error: stopped });
          } finally {
            controllers.current.delete(controller);
            setActive((count) => count - 1);
          }
        })();
      }
    },
    [client, apply],
  );

  return { runs, start, stop, running: active > 0 };
}
