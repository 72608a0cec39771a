import type { PromptChangedEvent } from "../prompt-store.js";
import type { ChangeFeed } from "./change-feed.js";
import { ListenerSet } from "./listener-set.js";

/**
 * The change feed of the embedded database. Only one process can open a PGlite folder (see the
 * data directory lock), so every change is made in this process: emitting after commit reaches
 * every listener.
 */
export function createInProcessChangeFeed(): ChangeFeed {
  const listeners = new ListenerSet<PromptChangedEvent>("prompt-changed");
  return {
    publishInTransaction: async () => {},
    afterCommit: (events) => {
      for (const event of events) listeners.emit(event);
    },
    subscribe: (listener) => listeners.add(listener),
    close: async () => listeners.clear(),
  };
}
