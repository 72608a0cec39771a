import { sql } from "kysely";
import pg from "pg";
import type { ChangeFeed } from "./change-feed.js";
import { ListenerSet } from "./listener-set.js";
import {
  decodePromptChanged,
  encodePromptChanged,
  promptChangedChannel,
} from "./prompt-changed-payload.js";

/** The listening connection's application_name, visible in pg_stat_activity. */
export const changeListenerApplicationName = "quire-change-listener";

const firstRetryDelayMilliseconds = 100;
const longestRetryDelayMilliseconds = 5_000;

/**
 * The change feed on PostgreSQL: NOTIFY inside each write transaction (so it is delivered only
 * when the write commits) and LISTEN on one dedicated connection, which is re-opened when it
 * drops. Notifications sent while it was down are lost, so after a reconnect listeners get a
 * `resync` event telling them to drop whatever they cached.
 */
export async function createPostgresChangeFeed(connectionString: string): Promise<ChangeFeed> {
  const listeners = new ListenerSet();
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = firstRetryDelayMilliseconds;

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client({
      connectionString,
      application_name: changeListenerApplicationName,
      keepAlive: true,
    });
    candidate.on("error", () => {
      // A dropped connection also emits "end", which schedules the reconnect.
    });
    candidate.on("notification", (message) => {
      if (message.channel !== promptChangedChannel) return;
      const event = decodePromptChanged(message.payload);
      if (event !== undefined) listeners.emit(event);
    });
    candidate.on("end", () => {
      if (client === candidate) client = undefined;
      if (!closed) scheduleReconnect();
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${promptChangedChannel}`);
    } catch (error) {
      candidate.removeAllListeners("end");
      await candidate.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
  };

  const scheduleReconnect = () => {
    if (retryTimer !== undefined || closed) return;
    retryTimer = setTimeout(async () => {
      retryTimer = undefined;
      try {
        await connect();
        retryDelay = firstRetryDelayMilliseconds;
        listeners.emit({ prompt: "", kind: "resync" });
      } catch {
        retryDelay = Math.min(retryDelay * 2, longestRetryDelayMilliseconds);
        scheduleReconnect();
      }
    }, retryDelay);
    retryTimer.unref();
  };

  await connect();

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
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      listeners.clear();
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
