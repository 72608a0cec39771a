import type { PromptChangedEvent } from "../prompt-store.js";

type Listener = (event: PromptChangedEvent) => void;

/** Subscribers of change events; one listener that throws does not keep the others from theirs. */
export class ListenerSet {
  readonly #listeners = new Set<Listener>();

  add(listener: Listener): () => void {
    // Wrapped, so that subscribing one function twice gives two independent subscriptions.
    const entry: Listener = (event) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(event: PromptChangedEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error("A prompt-changed listener threw; the other listeners still ran.", error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
