import { sql } from "kysely";
import type { PromptChangedEvent } from "../prompt-store.js";
import type { ChangeFeed } from "./change-feed.js";
import { ListenerSet } from "./listener-set.js";
import { listenOnPostgres } from "./postgres-listener.js";
import {
  decodePromptChanged,
  encodePromptChanged,
  promptChangedChannel,
} from "./prompt-changed-payload.js";

/** The listening connection's application_name, visible in pg_stat_activity. */
export const changeListenerApplicationName = "quire-change-listener";

/**
 * The change feed on PostgreSQL: NOTIFY inside each write transaction (so it is delivered only
 * when the write commits) and LISTEN on one dedicated connection, which is re-opened when it
 * drops. Notifications sent while it was down are lost, so after a reconnect listeners get a
 * `resync` event telling them to drop whatever they cached.
 */
export async function createPostgresChangeFeed(connectionString: string): Promise<ChangeFeed> {
  const listeners = new ListenerSet<PromptChangedEvent>("prompt-changed");
  const listener = await listenOnPostgres({
    connectionString,
    channel: promptChangedChannel,
    applicationName: changeListenerApplicationName,
    onNotification: (payload) => {
      const event = decodePromptChanged(payload);
      if (event !== undefined) listeners.emit(event);
    },
    onResync: () => listeners.emit({ prompt: "", kind: "resync" }),
  });

  return {
    publishInTransaction: async (transaction, events) => {
      for (const event of events) {
        await sql`SELECT pg_notify(${promptChangedChannel}, ${encodePromptChanged(event)})`.execute(
          transaction,
        );
      }
    },
    afterCommit: () => {},
    subscribe: (listener) => listeners.add(listener),
    close: async () => {
      listeners.clear();
      await listener.close();
    },
  };
}
