/**
 * Subscribers of one kind of event (prompt changes, access changes); one listener that throws
 * does not keep the others from theirs.
 */
export class ListenerSet<Event> {
  readonly #listeners = new Set<(event: Event) => void>();
  readonly #what: string;

  /** `what` names the events in the log line when a listener throws. */
  constructor(what: string) {
    this.#what = what;
  }

  add(listener: (event: Event) => void): () => void {
    // Wrapped, so that subscribing one function twice gives two independent subscriptions.
    const entry = (event: Event) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(event: Event): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`A ${this.#what} listener threw; the other listeners still ran.`, error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
