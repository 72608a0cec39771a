import type { EvalRunProgressEvent } from "@quire/core";

type Listener = (event: EvalRunProgressEvent) => void;

/**
 * Progress of the runs this server executes, for the server-sent events of watchers on the same
 * server (watchers of a run another server executes poll the stored progress instead).
 */
export class EvalProgressHub {
  readonly #listeners = new Map<string, Set<Listener>>();

  /** Returns the function that stops listening. */
  subscribe(runId: string, listener: Listener): () => void {
    let listeners = this.#listeners.get(runId);
    if (listeners === undefined) {
      listeners = new Set();
      this.#listeners.set(runId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#listeners.delete(runId);
    };
  }

  publish(event: EvalRunProgressEvent): void {
    for (const listener of this.#listeners.get(event.id) ?? []) listener(event);
  }
}
